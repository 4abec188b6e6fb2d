namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

/// <summary>Cue phrases and weights for sentence scoring. Matched on whole words, case-insensitively.</summary>
public sealed partial class ExtractiveSummarizer
{
    private static readonly (string Phrase, double Weight)[] IssueCues =
    [
        ("charged twice", 4), ("double charged", 4), ("charged me twice", 4), ("overcharged", 4), ("not working", 3), ("doesn't work", 3),
        ("stopped working", 3), ("locked out", 3), ("can't log in", 3), ("cannot log in", 3), ("never arrived", 3), ("didn't arrive", 3),
        ("hasn't arrived", 3), ("wrong amount", 3), ("unauthorized", 3), ("fraud", 3), ("declined", 2.5),
        ("charged", 2), ("charge", 2), ("problem", 2), ("issue", 2), ("error", 2), ("broken", 2), ("missing", 2), ("refund", 1.5),
        ("dispute", 2), ("twice", 2), ("double", 1.5), ("wrong", 2), ("late", 1.5), ("cancel", 1.5), ("failed", 2), ("outage", 2),
        ("disconnected", 2), ("bill", 1.5), ("billing", 1), ("payment", 1), ("calling about", 1.5),
        ("can't", 1), ("cannot", 1), ("won't", 1), ("still", 1), ("never", 1), ("again", 0.5),
    ];

    private static readonly (string Phrase, double Weight)[] TriedCues =
    [
        ("already tried", 4), ("i tried", 3), ("we tried", 3), ("i've tried", 3), ("tried to", 3), ("restarted", 3), ("reset", 3),
        ("reinstalled", 3), ("rebooted", 3), ("cleared", 2), ("called before", 3), ("called yesterday", 3), ("spoke to", 2.5),
        ("escalated", 2.5), ("already", 1.5), ("tried", 2), ("checked", 2), ("verified", 2), ("confirmed", 2), ("looked", 1.5),
        ("updated", 1.5), ("attempted", 2), ("resubmitted", 2), ("reversed", 2), ("can see", 2), ("i see", 1.5),
    ];

    private static readonly (string Phrase, double Weight)[] NextStepCues =
    [
        ("agent b", 3), ("please", 2), ("needs", 2), ("need to", 2), ("wants", 2), ("would like", 2), ("should", 2), ("next", 2),
        ("approve", 2.5), ("approval", 2.5), ("authorize", 2.5), ("process", 2), ("escalate", 2), ("follow up", 2), ("call back", 2),
        ("supervisor", 2), ("take over", 2), ("refund", 1), ("review", 1), ("confirm", 1), ("verify", 1), ("handle", 1),
    ];

    private static readonly (string Phrase, double Weight)[] NegativeCues =
    [
        ("furious", 3), ("angry", 3), ("unacceptable", 3), ("fed up", 3), ("sick of", 3), ("frustrated", 2), ("frustrating", 2),
        ("upset", 2), ("annoyed", 2), ("ridiculous", 2), ("terrible", 2), ("awful", 2), ("disappointed", 2), ("third time", 2),
        ("not happy", 2), ("waste", 2), ("worried", 1), ("confused", 1), ("again", 1), ("still", 0.5), ("never", 0.5),
    ];

    private static readonly (string Phrase, double Weight)[] PositiveCues =
    [
        ("thank you", 1), ("thanks", 1), ("appreciate", 1), ("great", 1), ("happy", 1), ("perfect", 1), ("patient", 1),
    ];

    /// <summary>Strong emotion words named in the mood line when the caller used them.</summary>
    private static readonly string[] NamedEmotions = ["furious", "angry", "upset", "frustrated", "annoyed", "disappointed", "worried", "confused"];

    /// <summary>Words that follow "my name is" / "I'm" but are not names.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "calling", "very", "not", "so", "just", "trying", "having", "really", "here", "about", "with", "from",
        "going", "still", "on", "in", "at", "looking", "sorry", "fine", "good", "okay", "ok", "well", "sure", "glad", "happy",
        "frustrated", "upset", "angry", "afraid", "worried", "confused", "annoyed", "tired", "done", "over", "back", "ready",
        "able", "unable", "wondering", "hoping", "phoning", "ringing", "getting", "being", "doing", "also", "actually", "now",
        "your", "my", "their", "his", "her", "its", "our", "this", "that", "it", "is", "was", "and", "or", "but", "to", "for",
        "of", "by", "customer", "member", "client", "account", "holder", "owner", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "hi", "hello", "hey", "thanks", "thank", "you", "yes", "no", "yeah", "um", "uh", "like",
        "gonna", "need", "want", "would", "could", "can", "will", "should", "have", "has", "had", "get", "got", "charged",
        "billed", "new", "old", "in", "out", "off", "up", "down", "there", "then", "than", "what", "who", "why", "how", "when",
    };

    /// <summary>Labels that introduce an identifier, and how the summary names them.</summary>
    private static readonly Dictionary<string, string> IdentifierLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["account"] = "account", ["acct"] = "account", ["order"] = "order", ["policy"] = "policy", ["member"] = "member",
        ["reference"] = "reference", ["ref"] = "reference", ["case"] = "case", ["ticket"] = "ticket", ["card"] = "card",
        ["invoice"] = "invoice", ["claim"] = "claim", ["confirmation"] = "confirmation", ["phone"] = "phone", ["customer"] = "customer",
    };
}
