package procos.das.generation.drafting.deterministic;

import java.util.Map;
import java.util.Set;

/**
 * The words the deterministic drafter knows by heart: who does a kind of work, which connectives
 * join clauses, which parties are machines. Everything else it reads from the parts of speech.
 */
final class Lexicon {

    private Lexicon() {
    }

    /** Verbs of a person's decision; the task's form asks for a yes/no ({@code approved}). */
    static final Set<String> DECISION_VERBS = Set.of(
            "approve", "authorize", "authorise", "accept", "sign", "decide", "endorse", "ratify", "countersign",
            "grant", "reject", "decline", "deny", "agree", "okay", "sanction", "review");

    /** Verbs of a person's judgement of something; the form asks whether it passed. */
    static final Set<String> INSPECTION_VERBS = Set.of(
            "inspect", "examine", "assess", "audit", "evaluate", "test", "vet", "screen", "triage", "diagnose");

    /** Work a person does even without a named actor. */
    static final Set<String> HUMAN_VERBS = Set.of(
            "review", "interview", "meet", "discuss", "visit", "negotiate", "counsel", "treat", "operate", "pack",
            "pick", "repair", "fix", "phone", "sign", "welcome", "train", "coach", "handwrite",
            "investigate", "judge", "examine", "inspect", "assess", "triage", "diagnose", "decide", "approve",
            "authorize", "authorise", "endorse", "countersign", "ratify", "audit", "vet", "assemble", "weld",
            "calibrate", "label", "measure", "deliver", "consult", "hand", "rework", "submit", "prescribe",
            "vaccinate", "admit", "discharge", "sort", "load", "unload");

    /** Verbs automation does; they stay service tasks whoever is named. */
    static final Set<String> INTEGRATION_VERBS = Set.of(
            "send", "email", "e-mail", "mail", "notify", "inform", "alert", "message", "text", "sms", "remind",
            "store", "save", "upload", "download", "fetch", "retrieve", "import", "export", "sync", "synchronize",
            "synchronise", "post", "publish", "archive", "record", "log", "forward", "transmit", "push", "pull",
            "book", "charge", "transfer", "refund", "invoice", "file", "query", "page", "broadcast",
            "reply", "respond", "share", "distribute", "order", "reorder", "call", "register", "request");

    /** Verbs a language model does well. */
    static final Set<String> AI_VERBS = Set.of(
            "summarize", "summarise", "classify", "categorize", "categorise", "extract", "translate", "transcribe",
            "paraphrase", "rephrase", "analyze", "analyse", "tag", "answer", "interpret");

    /** Objects that make "draft" or "write" a text-writing job for a language model. */
    static final Set<String> TEXT_OBJECTS = Set.of(
            "email", "mail", "letter", "reply", "response", "text", "message", "summary", "description", "answer",
            "note", "notes", "announcement", "post", "article", "draft", "cover", "proposal");

    /**
     * Further verbs that lead a step. The tagger often takes an imperative at the start of a clause for
     * a noun or an adjective ("Ship order"); a word listed here or in the sets above is read as the verb there.
     */
    static final Set<String> OTHER_ACTION_VERBS = Set.of(
            "compute", "calculate", "generate", "update", "validate", "verify", "check", "create", "convert",
            "merge", "score", "match", "reserve", "allocate", "assign", "compare", "backup", "restart", "deploy",
            "run", "scan", "monitor", "close", "cancel", "open", "determine", "estimate", "aggregate", "collect",
            "prepare", "schedule", "process", "ship", "dispatch", "print", "lock", "unlock", "block", "disable",
            "enable", "provision", "revoke", "renew", "issue", "produce", "start", "stop", "rollback", "roll",
            "delete", "remove", "add", "copy", "move", "rename", "set", "sum", "total", "look", "apply", "pay",
            "order", "escalate", "draft", "write", "plan", "confirm", "attach", "bill", "compile", "install",
            "patch", "upgrade", "reboot", "test", "build", "release", "quarantine", "isolate", "flag",
            "mark", "route", "resolve", "restore", "reset", "grant", "ensure", "handle", "track", "sign",
            "repeat", "retry", "review", "approve", "reject", "wait", "inspect", "examine", "interview", "decide",
            "assess", "evaluate", "audit", "follow", "contact", "ask", "offer", "hire", "onboard", "welcome",
            "arrange", "organize", "organise", "obtain", "get", "receive", "replace", "reconcile",
            "acknowledge", "provide", "count", "take", "hold", "put", "read", "detect", "back", "clean", "reimburse");

    /** Verbs that carry no action of their own: the verb after them is the step ("need to approve"). */
    static final Set<String> LIGHT_VERBS = Set.of("need", "have", "want", "must", "try", "be", "do", "will", "shall",
            "should", "can", "could", "would", "may", "might", "going", "make", "let", "get");

    /** Verbs that hand the step to someone: "have the manager approve", "ask the AI to summarize". */
    static final Set<String> CAUSATIVE_VERBS = Set.of("have", "ask", "let", "get", "tell", "instruct", "request", "make");

    /** Parties that are machines: a step they do is a service task. */
    static final Set<String> MACHINE_ACTORS = Set.of(
            "system", "it", "we", "us", "you", "i", "they", "service", "bot", "tool", "application", "app",
            "platform", "software", "erp", "crm", "database", "server", "script", "job", "workflow", "process",
            "engine", "api", "portal", "website", "site", "computer", "machine", "program", "automation");

    /** Parties that are language models: a step they do is AI work. */
    static final Set<String> AI_ACTORS = Set.of("ai", "llm", "model", "chatgpt", "gpt", "assistant", "copilot", "claude");

    /** Objects naming a system: a step on them goes through an integration. */
    static final Set<String> SYSTEM_OBJECTS = Set.of(
            "api", "database", "db", "crm", "erp", "sap", "salesforce", "system", "ledger", "webhook", "endpoint",
            "service", "portal", "sharepoint", "drive", "bucket", "s3", "registry", "repository", "spreadsheet");

    /** Particles that belong to their verb ("follow up", "fill in", "send out"). */
    static final Set<String> PHRASAL = Set.of(
            "set up", "follow up", "fill in", "fill out", "sign off", "hand over", "look up", "send out", "pick up",
            "write down", "back up", "log in", "check in", "check out", "roll back", "roll out", "clean up",
            "shut down", "carry out", "sort out", "find out", "close out", "print out", "call back", "top up",
            "turn off", "turn on", "switch off", "switch on", "write up", "draw up", "hand in", "scale up");

    /** Verbs that introduce an embedded yes/no question rather than a condition: "check if", "verify whether". */
    static final Set<String> QUESTION_VERBS = Set.of(
            "check", "verify", "see", "determine", "ask", "find", "decide", "confirm", "test", "evaluate", "assess",
            "investigate", "establish", "know", "validate", "review", "inspect", "examine", "look");

    /** Pronouns that refer back to the last thing spoken of. */
    static final Set<String> REFERRING_PRONOUNS = Set.of("it", "them", "this", "that", "these", "those", "they");

    /** People and parties, when they are the subject of an event ("the customer replies"). */
    static final Set<String> PEOPLE = Set.of(
            "customer", "client", "candidate", "employee", "manager", "user", "applicant", "patient", "citizen",
            "supplier", "vendor", "doctor", "nurse", "team", "lead", "director", "cfo", "ceo", "hr", "buyer",
            "seller", "requester", "owner", "approver", "engineer", "operator", "clerk", "officer", "staff",
            "someone", "somebody", "he", "she", "they", "we", "person", "partner", "contractor", "agent");

    /** Arrival verbs, whose start or wait event is named "… received". */
    static final Set<String> ARRIVAL_VERBS = Set.of("arrive", "come", "receive", "get", "land", "reach", "appear");

    /** Nouns for what a party sends when it does something: "the customer replies" → "customer reply". */
    static final Map<String, String> EVENT_NOUNS = Map.ofEntries(
            Map.entry("reply", "reply"), Map.entry("respond", "response"), Map.entry("answer", "answer"),
            Map.entry("confirm", "confirmation"), Map.entry("pay", "payment"), Map.entry("sign", "signature"),
            Map.entry("accept", "acceptance"), Map.entry("approve", "approval"), Map.entry("submit", "submission"),
            Map.entry("deliver", "delivery"), Map.entry("return", "return"), Map.entry("agree", "agreement"),
            Map.entry("complete", "completion"), Map.entry("finish", "completion"), Map.entry("upload", "upload"),
            Map.entry("decide", "decision"), Map.entry("register", "registration"), Map.entry("apply", "application"),
            Map.entry("order", "order"), Map.entry("book", "booking"), Map.entry("cancel", "cancellation"),
            Map.entry("complain", "complaint"), Map.entry("request", "request"), Map.entry("call", "call"),
            Map.entry("ship", "shipment"), Map.entry("report", "report"), Map.entry("object", "objection"));

    /** Words for one of two opposite outcomes: the key is the negation of the value. */
    static final Map<String, String> OPPOSITES = Map.ofEntries(
            Map.entry("rejected", "approved"), Map.entry("declined", "accepted"), Map.entry("denied", "approved"),
            Map.entry("refused", "accepted"), Map.entry("unavailable", "available"), Map.entry("invalid", "valid"),
            Map.entry("incomplete", "complete"), Map.entry("failed", "passed"), Map.entry("incorrect", "correct"),
            Map.entry("wrong", "correct"), Map.entry("unpaid", "paid"), Map.entry("unsigned", "signed"),
            Map.entry("ineligible", "eligible"), Map.entry("unsuccessful", "successful"), Map.entry("missing", "present"),
            Map.entry("negative", "positive"), Map.entry("disapproved", "approved"), Map.entry("unhealthy", "healthy"),
            Map.entry("out_of_stock", "in_stock"), Map.entry("not_ok", "ok"), Map.entry("down", "up"),
            Map.entry("unresolved", "resolved"), Map.entry("unacceptable", "acceptable"));

    /** Outcome words that describe the step before, not their subject: "if the request is approved" → {@code approved}. */
    static final Set<String> OUTCOME_WORDS = Set.of(
            "approved", "rejected", "accepted", "declined", "denied", "refused", "signed", "unsigned", "passed",
            "failed", "ok", "okay", "fine", "correct", "incorrect", "wrong", "valid", "invalid", "complete",
            "incomplete", "successful", "unsuccessful", "succeeded", "eligible", "ineligible", "acceptable",
            "unacceptable", "good", "satisfied", "happy", "resolved", "unresolved", "confirmed", "agreed",
            "positive", "negative", "paid", "unpaid", "so", "fixed", "done", "finished", "completed");

    /** Comparison words after "is": the operator and whether a "than" or "to" follows. */
    static final Map<String, String> COMPARISONS = Map.ofEntries(
            Map.entry("over", "GT"), Map.entry("above", "GT"), Map.entry("more", "GT"), Map.entry("greater", "GT"),
            Map.entry("higher", "GT"), Map.entry("larger", "GT"), Map.entry("bigger", "GT"), Map.entry("exceed", "GT"),
            Map.entry("exceeds", "GT"), Map.entry("beyond", "GT"), Map.entry("under", "LT"), Map.entry("below", "LT"),
            Map.entry("less", "LT"), Map.entry("lower", "LT"), Map.entry("smaller", "LT"), Map.entry("fewer", "LT"),
            Map.entry("least", "GE"), Map.entry("most", "LE"), Map.entry("equal", "EQ"), Map.entry("exactly", "EQ"),
            Map.entry("up", "LE"));

    /** Whether {@code lemma} is a verb that can lead a step. */
    static boolean isActionVerb(String lemma) {
        return DECISION_VERBS.contains(lemma) || INSPECTION_VERBS.contains(lemma) || HUMAN_VERBS.contains(lemma)
                || INTEGRATION_VERBS.contains(lemma) || AI_VERBS.contains(lemma) || OTHER_ACTION_VERBS.contains(lemma);
    }
}
