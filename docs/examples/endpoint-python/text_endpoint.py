#!/usr/bin/python3
"""A ProcOS endpoint in Python: procos.pde.v1.EndpointService served over gRPC.

Task types text.stats, text.reverse and demo.sleep (see text_operations.py). Run it with Debian's
interpreter, /usr/bin/python3, which sees the python3-grpcio and python3-protobuf packages (a
pyenv or venv python3 usually does not). See README.md.
"""

import argparse
import hmac
import json
import os
import signal
import sys
import threading
from concurrent import futures
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN_VARIABLE = "PROCOS_ENDPOINT_TOKEN"
VERSION = "1.0.0"

try:
    import grpc
    from google.protobuf import json_format
except ImportError as e:
    sys.exit("text_endpoint.py: %s. Install Debian's packages (apt-get install python3-grpcio "
             "python3-protobuf) and run with /usr/bin/python3." % e)

import text_operations


def log(event, level="INFO", **fields):
    """One JSON object per line on stdout, in the field names ProcOS itself logs with."""
    line = {"ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "level": level,
            "component": "endpoint-python", "event": event}
    line.update({k: v for k, v in fields.items() if v not in (None, "")})
    print(json.dumps(line, separators=(",", ":")), flush=True)


def load_contract(stubs_dir):
    """The generated modules, from generate_stubs.sh's output directory."""
    sys.path.insert(0, stubs_dir)
    try:
        from procos.pde.v1 import common_pb2, endpoint_service_pb2, endpoint_service_pb2_grpc
    except ImportError as e:
        sys.exit("text_endpoint.py: generated stubs not found in %s (%s); run ./generate_stubs.sh first"
                 % (stubs_dir, e))
    return common_pb2, endpoint_service_pb2, endpoint_service_pb2_grpc


class BearerToken(grpc.ServerInterceptor):
    """Refuses every call without `authorization: Bearer <token>`, compared in constant time."""

    def __init__(self, token):
        self._expected = ("Bearer " + token).encode()

        def refuse(request, context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or wrong bearer token")

        self._refusal = grpc.unary_unary_rpc_method_handler(refuse)

    def intercept_service(self, continuation, details):
        sent = dict(details.invocation_metadata).get("authorization", "")
        if hmac.compare_digest(sent.encode(), self._expected):
            return continuation(details)
        return self._refusal


def build_servicer(endpoint_id, max_concurrency, contract):
    common_pb2, pb2, pb2_grpc = contract

    def description():
        capabilities = []
        for capability in text_operations.CAPABILITIES:
            example = capability["example"]
            call = common_pb2.CallExample(required_inputs=example["required_inputs"])
            call.inputs.update(example["inputs"])
            call.expected_outputs.update(example["expected_outputs"])
            if "expected_duration_seconds" in example:
                call.expected_duration.FromSeconds(example["expected_duration_seconds"])
            capabilities.append(common_pb2.Capability(task_type=capability["task_type"], examples=[call]))
        return pb2.EndpointDescription(
            endpoint_id=endpoint_id, kind=pb2.FUNCTION, version=VERSION, capabilities=capabilities,
            limits=pb2.EndpointLimits(max_concurrency=max_concurrency),
            description="Example endpoint in Python: text statistics, reversal, and a sleep that honours deadlines")

    class TextEndpoint(pb2_grpc.EndpointServiceServicer):

        def __init__(self):
            self._description = description()
            self._in_flight = 0
            self._lock = threading.Lock()

        def Describe(self, request, context):
            return self._description

        def Health(self, request, context):
            health = pb2.EndpointHealth(state=common_pb2.HEALTHY, in_flight=self._in_flight)
            health.checked_at.GetCurrentTime()
            return health

        def Invoke(self, request, context):
            correlation_id = (dict(context.invocation_metadata()).get("x-correlation-id")
                              or request.correlation.correlation_id)
            operation = text_operations.OPERATIONS.get(request.task_type)
            if operation is None:
                context.abort(grpc.StatusCode.UNIMPLEMENTED,
                              "task type '%s' is not offered by %s" % (request.task_type, endpoint_id))
            if request.operation:
                context.abort(grpc.StatusCode.UNIMPLEMENTED, "task type '%s' has no operation '%s'"
                              " (it offers only its default operation)" % (request.task_type, request.operation))
            # Set when the call ends for any reason, including its deadline passing: work that
            # waits on it stops as soon as nobody is waiting for the answer.
            cancelled = threading.Event()
            context.add_callback(cancelled.set)
            with self._lock:
                self._in_flight += 1
            try:
                outputs = operation(json_format.MessageToDict(request.inputs), cancelled)
            except text_operations.InvalidInput as e:
                log("invoke_refused", "WARN", task_id=request.task_id, task_type=request.task_type,
                    correlation_id=correlation_id, reason=str(e))
                context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(e))
            except text_operations.CallAbandoned:
                log("invoke_abandoned", "WARN", task_id=request.task_id, task_type=request.task_type,
                    correlation_id=correlation_id, reason="deadline passed or caller cancelled")
                context.abort(grpc.StatusCode.CANCELLED, "the call ended before the work did")
            finally:
                with self._lock:
                    self._in_flight -= 1
            log("invoke_done", task_id=request.task_id, task_type=request.task_type,
                invocation_id=request.invocation_id, correlation_id=correlation_id,
                process_instance_id=request.correlation.process_instance_id)
            response = pb2.InvokeResponse(confidence=1.0)
            response.outputs.update(outputs)
            return response

    return TextEndpoint()


def read_token(token_file):
    if token_file:
        with open(token_file, encoding="utf-8") as f:
            token = f.read().strip()
        if not token:
            sys.exit("text_endpoint.py: --token-file %s is empty" % token_file)
        return token
    return os.environ.get(TOKEN_VARIABLE, "").strip() or None


def main():
    parser = argparse.ArgumentParser(description="ProcOS example endpoint (EndpointService) in Python")
    parser.add_argument("--port", type=int, default=50071, help="port to listen on; 0 picks a free one (default 50071)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--id", default="text-python", help="endpoint id reported by Describe (default text-python)")
    parser.add_argument("--stubs", default=os.path.join(HERE, "build", "stubs"),
                        help="directory generate_stubs.sh wrote to (default build/stubs)")
    parser.add_argument("--token-file", help="file holding the bearer token callers must send "
                                             "(default: the %s environment variable; none: no authentication)" % TOKEN_VARIABLE)
    parser.add_argument("--workers", type=int, default=8, help="calls served at once (default 8)")
    args = parser.parse_args()
    if not 0 <= args.port <= 65535:
        parser.error("--port must be 0..65535")
    if args.workers < 2:
        parser.error("--workers must be at least 2, so Health answers while a call runs")

    contract = load_contract(args.stubs)
    token = read_token(args.token_file)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=args.workers),
                         interceptors=[BearerToken(token)] if token else [])
    contract[2].add_EndpointServiceServicer_to_server(build_servicer(args.id, args.workers, contract), server)
    port = server.add_insecure_port("%s:%d" % (args.host, args.port))
    if port == 0:
        sys.exit("text_endpoint.py: cannot listen on %s:%d" % (args.host, args.port))
    server.start()

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    log("endpoint_ready", endpoint_id=args.id, port=port, auth="bearer" if token else "none",
        task_types=sorted(text_operations.OPERATIONS))
    stopped.wait()
    log("endpoint_stopping", endpoint_id=args.id)
    server.stop(grace=5).wait()


if __name__ == "__main__":
    main()
