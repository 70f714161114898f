#!/bin/sh
# Generates the Python modules of the ProcOS contract (procos/pde/v1/*_pb2*.py) from the .proto
# files in proto/, so the endpoint always speaks the contract of the checkout it sits in.
# The output is a build product: it is not committed.
#
#   usage: generate_stubs.sh [OUT_DIR]      (default: build/stubs next to this script)
#
# Needs Debian's protobuf-compiler (protoc and the well-known types from libprotobuf-dev) and
# protobuf-compiler-grpc (grpc_python_plugin); both match the versions of python3-protobuf and
# python3-grpcio, so the generated code fits the runtime.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
proto_root=${PROCOS_PROTO_DIR:-$here/../../../proto/src/main/proto}
out=${1:-$here/build/stubs}

missing=""
command -v protoc >/dev/null 2>&1 || missing="$missing protobuf-compiler"
command -v grpc_python_plugin >/dev/null 2>&1 || missing="$missing protobuf-compiler-grpc"
[ -f /usr/include/google/protobuf/struct.proto ] || missing="$missing libprotobuf-dev"
if [ -n "$missing" ]; then
    echo "generate_stubs.sh: missing Debian packages:$missing (apt-get install$missing)" >&2
    exit 3
fi
if [ ! -f "$proto_root/procos/pde/v1/endpoint_service.proto" ]; then
    echo "generate_stubs.sh: no contract at $proto_root (set PROCOS_PROTO_DIR)" >&2
    exit 3
fi

mkdir -p "$out"
protoc -I "$proto_root" -I /usr/include \
    --python_out="$out" \
    --grpc_python_out="$out" \
    --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
    "$proto_root"/procos/pde/v1/*.proto
echo "generated Python stubs in $out"
