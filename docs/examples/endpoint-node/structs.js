'use strict';
/**
 * google.protobuf.Struct <-> plain objects. @grpc/proto-loader hands Struct over as its wire shape
 * ({fields: {name: {kind: 'stringValue', stringValue: 'x'}}}); endpoint code wants JSON.
 */

function fromValue(value) {
  switch (value.kind) {
    case 'nullValue':
      return null;
    case 'numberValue':
      return value.numberValue;
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'structValue':
      return fromStruct(value.structValue);
    case 'listValue':
      return (value.listValue.values || []).map(fromValue);
    default:
      return null;
  }
}

function fromStruct(struct) {
  const object = {};
  for (const [name, value] of Object.entries((struct && struct.fields) || {})) {
    object[name] = fromValue(value);
  }
  return object;
}

function toValue(value) {
  if (value === null || value === undefined) {
    return { nullValue: 'NULL_VALUE' };
  }
  if (typeof value === 'number') {
    return { numberValue: value };
  }
  if (typeof value === 'string') {
    return { stringValue: value };
  }
  if (typeof value === 'boolean') {
    return { boolValue: value };
  }
  if (Array.isArray(value)) {
    return { listValue: { values: value.map(toValue) } };
  }
  return { structValue: toStruct(value) };
}

function toStruct(object) {
  const fields = {};
  for (const [name, value] of Object.entries(object)) {
    fields[name] = toValue(value);
  }
  return { fields };
}

module.exports = { fromStruct, toStruct };
