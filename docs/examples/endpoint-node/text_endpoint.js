#!/usr/bin/env node
'use strict';
/**
 * A ProcOS endpoint in Node.js: procos.pde.v1.EndpointService served over gRPC with @grpc/grpc-js,
 * the contract loaded at start-up from the .proto files in proto/ by @grpc/proto-loader (no
 * generated code). Task types text.stats, text.reverse and demo.sleep (see text_operations.js).
 * See README.md.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { OPERATIONS, CAPABILITIES, InvalidInput, CallAbandoned } = require('./text_operations');
const { fromStruct, toStruct } = require('./structs');

const TOKEN_VARIABLE = 'PROCOS_ENDPOINT_TOKEN';
const VERSION = '1.0.0';

/** One JSON object per line on stdout, in the field names ProcOS itself logs with. */
function log(event, fields = {}, level = 'INFO') {
  const line = { ts: new Date().toISOString(), level, component: 'endpoint-node', event };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') {
      line[name] = value;
    }
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}

function fail(message) {
  process.stderr.write(`text_endpoint.js: ${message}\n`);
  process.exit(2);
}

function loadContract(protoRoot) {
  const file = path.join(protoRoot, 'procos/pde/v1/endpoint_service.proto');
  if (!fs.existsSync(file)) {
    fail(`no contract at ${file} (pass --proto DIR)`);
  }
  const definition = protoLoader.loadSync(file, {
    includeDirs: [protoRoot],
    keepCase: true, // field names as in the .proto, e.g. task_type
    enums: String,
    longs: Number,
    defaults: true,
    oneofs: true, // Struct values say which kind they are
  });
  return grpc.loadPackageDefinition(definition).procos.pde.v1;
}

function readToken(tokenFile) {
  if (tokenFile) {
    const token = fs.readFileSync(tokenFile, 'utf8').trim();
    if (!token) {
      fail(`--token-file ${tokenFile} is empty`);
    }
    return token;
  }
  return (process.env[TOKEN_VARIABLE] || '').trim() || null;
}

/** Whether the call carries `authorization: Bearer <token>`, compared in constant time. */
function authorized(call, token) {
  if (!token) {
    return true;
  }
  const sent = Buffer.from(String(call.metadata.get('authorization')[0] || ''));
  const expected = Buffer.from(`Bearer ${token}`);
  return sent.length === expected.length && crypto.timingSafeEqual(sent, expected);
}

function description(endpointId) {
  return {
    endpoint_id: endpointId,
    kind: 'FUNCTION',
    version: VERSION,
    description: 'Example endpoint in Node.js: text statistics, reversal, and a sleep that honours deadlines',
    capabilities: CAPABILITIES.map(({ taskType, example }) => ({
      task_type: taskType,
      examples: [{
        inputs: toStruct(example.inputs),
        required_inputs: example.requiredInputs,
        expected_outputs: toStruct(example.expectedOutputs),
        expected_duration: example.expectedDurationSeconds === undefined
          ? null : { seconds: example.expectedDurationSeconds, nanos: 0 },
      }],
    })),
  };
}

function now() {
  const millis = Date.now();
  return { seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1e6 };
}

function service(endpointId, token) {
  const described = description(endpointId);
  let inFlight = 0;
  const unauthenticated = { code: grpc.status.UNAUTHENTICATED, details: 'missing or wrong bearer token' };

  return {
    Describe(call, callback) {
      if (!authorized(call, token)) {
        return callback(unauthenticated);
      }
      return callback(null, described);
    },

    Health(call, callback) {
      if (!authorized(call, token)) {
        return callback(unauthenticated);
      }
      return callback(null, { state: 'HEALTHY', checked_at: now(), in_flight: inFlight });
    },

    async Invoke(call, callback) {
      if (!authorized(call, token)) {
        return callback(unauthenticated);
      }
      const request = call.request;
      const correlationId = call.metadata.get('x-correlation-id')[0]
        || (request.correlation && request.correlation.correlation_id);
      const logged = { task_id: request.task_id, task_type: request.task_type, correlation_id: correlationId };
      const operation = OPERATIONS[request.task_type];
      if (!operation) {
        return callback({ code: grpc.status.UNIMPLEMENTED,
          details: `task type '${request.task_type}' is not offered by ${endpointId}` });
      }
      if (request.operation) {
        return callback({ code: grpc.status.UNIMPLEMENTED,
          details: `task type '${request.task_type}' has no operation '${request.operation}'`
            + ' (it offers only its default operation)' });
      }
      // grpc-js emits 'cancelled' when the call's deadline passes or the caller cancels: work
      // listening to the signal stops at once instead of running for nobody.
      const abandoned = new AbortController();
      call.on('cancelled', () => abandoned.abort());
      inFlight += 1;
      try {
        const outputs = await operation(fromStruct(request.inputs), abandoned.signal);
        log('invoke_done', { ...logged, invocation_id: request.invocation_id,
          process_instance_id: request.correlation && request.correlation.process_instance_id });
        return callback(null, { outputs: toStruct(outputs), confidence: 1.0 });
      } catch (error) {
        if (error instanceof InvalidInput) {
          log('invoke_refused', { ...logged, reason: error.message }, 'WARN');
          return callback({ code: grpc.status.INVALID_ARGUMENT, details: error.message });
        }
        if (error instanceof CallAbandoned) {
          log('invoke_abandoned', { ...logged, reason: 'deadline passed or caller cancelled' }, 'WARN');
          return callback({ code: grpc.status.CANCELLED, details: error.message });
        }
        log('invoke_failed', { ...logged, reason: String(error) }, 'ERROR');
        return callback({ code: grpc.status.INTERNAL, details: 'the endpoint failed; see its log' });
      } finally {
        inFlight -= 1;
      }
    },
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '50072' },
      host: { type: 'string', default: '127.0.0.1' },
      id: { type: 'string', default: 'text-node' },
      proto: { type: 'string', default: path.join(__dirname, '..', '..', '..', 'proto', 'src', 'main', 'proto') },
      'token-file': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port '${values.port}' must be 0..65535`);
  }
  const contract = loadContract(values.proto);
  const token = readToken(values['token-file']);
  const server = new grpc.Server();
  server.addService(contract.EndpointService.service, service(values.id, token));
  server.bindAsync(`${values.host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
    if (error) {
      fail(`cannot listen on ${values.host}:${port}: ${error.message}`);
    }
    log('endpoint_ready', { endpoint_id: values.id, port: boundPort, auth: token ? 'bearer' : 'none',
      task_types: Object.keys(OPERATIONS).sort() });
  });

  const stop = () => {
    log('endpoint_stopping', { endpoint_id: values.id });
    // Running calls get 5 s to finish, then are cut off.
    const forced = setTimeout(() => server.forceShutdown(), 5000);
    server.tryShutdown(() => {
      clearTimeout(forced);
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
