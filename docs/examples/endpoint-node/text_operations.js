'use strict';
/**
 * The work this example endpoint does, free of gRPC so it can be read (and tested) on its own.
 *
 * Each task type is one function taking the call's inputs (a plain object, decoded from the
 * request's Struct) and an AbortSignal that fires when the caller gives up; it returns (a promise
 * of) the outputs, or throws InvalidInput naming the input at fault. CAPABILITIES describes them
 * the way EndpointService.Describe publishes them, with a call example each. The Python example
 * endpoint computes exactly the same outputs.
 */

/** An input is missing or unusable; the message names it, since the caller must fix it. */
class InvalidInput extends Error {
  constructor(field, reason) {
    super(`input '${field}' ${reason}`);
    this.field = field;
  }
}

/** The caller is gone (deadline passed or cancelled); whatever is returned is thrown away. */
class CallAbandoned extends Error {}

function requiredText(inputs, field) {
  const value = inputs[field];
  if (value === undefined || value === null) {
    throw new InvalidInput(field, 'is required');
  }
  if (typeof value !== 'string') {
    throw new InvalidInput(field, 'must be a string');
  }
  return value;
}

/** Code points, not UTF-16 units, so that counts agree with other languages. */
function codePoints(text) {
  return Array.from(text);
}

/** A trailing newline ends the last line rather than starting an empty one. */
function countLines(text) {
  if (text === '') {
    return 0;
  }
  const newlines = text.split('\n').length - 1;
  return newlines + (text.endsWith('\n') ? 0 : 1);
}

/** Words (runs of non-space), characters (code points) and lines of `text`. */
function textStats(inputs) {
  const text = requiredText(inputs, 'text');
  const words = text.split(/\s+/).filter((word) => word.length > 0).length;
  return { words, characters: codePoints(text).length, lines: countLines(text) };
}

/** `text` backwards, code point by code point. */
function textReverse(inputs) {
  return { reversed: codePoints(requiredText(inputs, 'text')).reverse().join('') };
}

const MAX_SLEEP_SECONDS = 60;

/**
 * Waits `seconds`, standing for long work whose end is not known in advance. It stops as soon as
 * `signal` fires (deadline passed or caller cancelled) instead of finishing work nobody will read.
 */
function demoSleep(inputs, signal) {
  let seconds = inputs.seconds;
  if (seconds === undefined || seconds === null) {
    throw new InvalidInput('seconds', 'is required');
  }
  if (typeof seconds === 'string' && seconds.trim() !== '') { // process variables often arrive as text
    seconds = Number(seconds);
  }
  if (typeof seconds !== 'number' || Number.isNaN(seconds)) {
    throw new InvalidInput('seconds', 'must be a number');
  }
  if (seconds < 0 || seconds > MAX_SLEEP_SECONDS) {
    throw new InvalidInput('seconds', `must be between 0 and ${MAX_SLEEP_SECONDS}`);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve({ slept_seconds: seconds });
    }, seconds * 1000);
    function onAbort() {
      clearTimeout(timer);
      reject(new CallAbandoned('the call ended before the work did'));
    }
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

const OPERATIONS = {
  'text.stats': textStats,
  'text.reverse': textReverse,
  'demo.sleep': demoSleep,
};

/** Published by Describe: one entry per task type, each with a call that works (Capability.examples). */
const CAPABILITIES = [
  {
    taskType: 'text.stats',
    example: {
      inputs: { text: 'to be or not to be' },
      requiredInputs: ['text'],
      expectedOutputs: { words: 6, characters: 18, lines: 1 },
    },
  },
  {
    taskType: 'text.reverse',
    example: {
      inputs: { text: 'ProcOS' },
      requiredInputs: ['text'],
      expectedOutputs: { reversed: 'SOcorP' },
    },
  },
  {
    taskType: 'demo.sleep',
    example: {
      inputs: { seconds: 10 },
      requiredInputs: ['seconds'],
      expectedOutputs: { slept_seconds: 10 },
      expectedDurationSeconds: 10,
    },
  },
];

module.exports = { OPERATIONS, CAPABILITIES, InvalidInput, CallAbandoned };
