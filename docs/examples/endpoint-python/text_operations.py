"""The work this example endpoint does, free of gRPC so it can be read (and tested) on its own.

Each task type is one function taking the call's inputs (a plain dict, as decoded from the
request's Struct) and an Event that is set when the caller gives up; it returns the outputs as a
dict or raises InvalidInput naming the input at fault. CAPABILITIES describes them the way
EndpointService.Describe publishes them, with a call example each.
"""


class InvalidInput(Exception):
    """An input is missing or unusable; the message names it, since the caller must fix it."""

    def __init__(self, field, reason):
        super().__init__("input '%s' %s" % (field, reason))
        self.field = field


class CallAbandoned(Exception):
    """The caller is gone (deadline passed or cancelled); whatever is returned is thrown away."""


def _required_text(inputs, field):
    value = inputs.get(field)
    if value is None:
        raise InvalidInput(field, "is required")
    if not isinstance(value, str):
        raise InvalidInput(field, "must be a string")
    return value


def _count_lines(text):
    # A trailing newline ends the last line rather than starting an empty one, like `wc -l`
    # plus the unterminated last line; the Node endpoint counts the same way.
    if text == "":
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def text_stats(inputs, cancelled):
    """Words (runs of non-space), characters (code points) and lines of `text`."""
    text = _required_text(inputs, "text")
    return {"words": len(text.split()), "characters": len(text), "lines": _count_lines(text)}


def text_reverse(inputs, cancelled):
    """`text` backwards, code point by code point."""
    return {"reversed": _required_text(inputs, "text")[::-1]}


MAX_SLEEP_SECONDS = 60


def demo_sleep(inputs, cancelled):
    """Waits `seconds`, standing for long work whose end is not known in advance.

    It waits on `cancelled`, which the server sets when the call's deadline passes or the caller
    cancels, so the worker thread is free again at once instead of finishing work nobody will read.
    """
    value = inputs.get("seconds")
    if value is None:
        raise InvalidInput("seconds", "is required")
    if isinstance(value, str):  # process variables often arrive as text
        try:
            value = float(value.strip())
        except ValueError:
            raise InvalidInput("seconds", "must be a number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput("seconds", "must be a number")
    if not 0 <= value <= MAX_SLEEP_SECONDS:
        raise InvalidInput("seconds", "must be between 0 and %d" % MAX_SLEEP_SECONDS)
    if cancelled.wait(value):
        raise CallAbandoned()
    return {"slept_seconds": value}


OPERATIONS = {
    "text.stats": text_stats,
    "text.reverse": text_reverse,
    "demo.sleep": demo_sleep,
}

# Published by Describe: one entry per task type, each with a call that works (see
# Capability.examples in proto/src/main/proto/procos/pde/v1/common.proto).
CAPABILITIES = [
    {
        "task_type": "text.stats",
        "example": {
            "inputs": {"text": "to be or not to be"},
            "required_inputs": ["text"],
            "expected_outputs": {"words": 6, "characters": 18, "lines": 1},
        },
    },
    {
        "task_type": "text.reverse",
        "example": {
            "inputs": {"text": "ProcOS"},
            "required_inputs": ["text"],
            "expected_outputs": {"reversed": "SOcorP"},
        },
    },
    {
        "task_type": "demo.sleep",
        "example": {
            "inputs": {"seconds": 10},
            "required_inputs": ["seconds"],
            "expected_outputs": {"slept_seconds": 10},
            "expected_duration_seconds": 10,
        },
    },
]

assert set(OPERATIONS) == {c["task_type"] for c in CAPABILITIES}
