using System.Text;
using System.Text.RegularExpressions;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Summaries;

namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

/// <summary>
/// The offline summary provider: a deterministic extractive summariser. It scores the transcript's and notes'
/// sentences with cue lexicons and keeps what Agent B needs, in a fixed order: who the caller is (name, account and
/// other numbers), the issue in the caller's words (rewritten to third person), amounts, what was already tried, the
/// caller's mood, and a "next step for you" line (from the notes when they say it, else from what the caller asked,
/// else from the kind of issue). The result fits <see cref="ExtractiveSummaryOptions.MaxSpokenWords"/> spoken
/// words; optional parts are dropped first. Same input, same output.
/// </summary>
public sealed partial class ExtractiveSummarizer(ExtractiveSummaryOptions options)
{
    public const string ProviderName = "extractive";
    public const string ModelId = "extractive-v1";

    private enum Source
    {
        Caller,
        Agent,
        Notes,
    }

    public ExtractiveSummaryOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Summarize(TransferContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sentences = Sentences(context);
        var caller = sentences.Where(s => s.Source == Source.Caller).ToList();
        var notes = sentences.Where(s => s.Source == Source.Notes).ToList();

        string? name = context.CallerName is { Length: > 0 } known ? known.Trim() : FindName(sentences);
        var ids = FindIdentifiers(sentences, max: 2);
        var amounts = FindAmounts(sentences, max: 2);
        var issue = Best(caller.Concat(notes), IssueCues, minimum: 2, exclude: null, bonus: s => (Amount().IsMatch(s.Text) ? 1 : 0) + (s.Source == Source.Notes ? 0.5 : 0));
        var tried = Best(sentences, TriedCues, minimum: 2.5, exclude: issue, bonus: s => s.Source == Source.Agent ? 0.5 : 0);
        var nextFromNotes = Best(notes, NextStepCues, minimum: 2, exclude: issue, bonus: null);
        var wants = caller.LastOrDefault(s => Wants().IsMatch(s.Text) && s != issue);
        var noteGist = notes.FirstOrDefault(s => s != issue && s != nextFromNotes && s != tried);

        var parts = new List<Part>
        {
            new(Priority.Required, CallerLine(name, ids)),
            new(Priority.Required, issue is null ? "Issue: not clearly stated yet; ask the caller." : $"Issue: {Quote(issue)}"),
        };
        var missingAmounts = amounts.Where(a => issue is null || !Quote(issue).Contains(a, StringComparison.Ordinal)).ToList();
        if (missingAmounts.Count > 0)
        {
            parts.Add(new(Priority.Required, $"Amount: {string.Join(" and ", missingAmounts)}."));
        }

        if (tried is not null)
        {
            parts.Add(new(Priority.Tried, $"Already tried: {Quote(tried)}"));
        }

        if (noteGist is not null)
        {
            parts.Add(new(Priority.NotesGist, $"Agent notes: {Quote(noteGist)}"));
        }

        parts.Add(new(Priority.Mood, $"Mood: the caller sounds {Mood(sentences)}."));
        // Agent A's notes are typed, the transcript is machine-heard: once the notes state the issue, the caller's own
        // words (which may be misheard) are not read out as Agent B's next step.
        var callerWants = issue?.Source == Source.Notes ? null : wants;
        parts.Add(new(Priority.Required, $"Next step for you: {NextStep(nextFromNotes, callerWants, issue)}"));
        return Fit(parts);
    }

    private static List<Sentence> Sentences(TransferContext context)
    {
        var list = new List<Sentence>();
        foreach (var line in context.Transcript)
        {
            var source = line.Speaker == TranscriptSpeaker.Agent ? Source.Agent : Source.Caller;
            foreach (string s in SentenceSplitter.Split(Normalize(line.Text)))
            {
                list.Add(new Sentence(source, s));
            }
        }

        foreach (string s in SentenceSplitter.Split(Normalize(context.Notes ?? "")))
        {
            list.Add(new Sentence(Source.Notes, s));
        }

        return list;
    }

    /// <summary>
    /// Spoken numbers as digits ("four seven one two" to 4712; lone small numbers like "one of them" stay words) and
    /// spoken money as written money ("245 dollars and 50 cents" to $245.50).
    /// </summary>
    private static string Normalize(string text) =>
        SpokenMoney().Replace(SpokenNumbers.ToDigits(text, conservative: true), m => m.Groups["c"].Success
            ? $"${m.Groups["d"].Value}.{int.Parse(m.Groups["c"].Value, System.Globalization.CultureInfo.InvariantCulture):00}"
            : $"${m.Groups["d"].Value}");

    private static Sentence? Best(IEnumerable<Sentence> candidates, (string Phrase, double Weight)[] cues, double minimum, Sentence? exclude, Func<Sentence, double>? bonus)
    {
        Sentence? best = null;
        double bestScore = minimum;
        foreach (var s in candidates)
        {
            if (s == exclude || WordCount(s.Text) < 3)
            {
                continue;
            }

            double score = Score(s.Text, cues) + (bonus?.Invoke(s) ?? 0);
            if (score > bestScore || (score >= minimum && best is null))
            {
                best = s;
                bestScore = Math.Max(score, minimum);
            }
        }

        return best;
    }

    private static double Score(string text, (string Phrase, double Weight)[] cues)
    {
        string lower = $" {Regex.Replace(text.ToLowerInvariant(), @"[^\w'$ ]", " ")} ";
        double score = 0;
        foreach (var (phrase, weight) in cues)
        {
            if (lower.Contains($" {phrase} ", StringComparison.Ordinal))
            {
                score += weight;
            }
        }

        return score;
    }

    private static string CallerLine(string? name, List<string> ids) => (name, ids.Count) switch
    {
        (not null, > 0) => $"Caller: {name}, {string.Join(", ", ids)}.",
        (not null, _) => $"Caller: {name}; no account number given.",
        (null, > 0) => $"Caller: name not given, {string.Join(", ", ids)}.",
        _ => "Caller: name and account number not given.",
    };

    private static string Mood(List<Sentence> sentences)
    {
        var voiced = sentences.Where(s => s.Source != Source.Agent).ToList();
        double negative = voiced.Sum(s => Score(s.Text, NegativeCues));
        double positive = voiced.Where(s => s.Source == Source.Caller).Sum(s => Score(s.Text, PositiveCues));
        string? named = NamedEmotions.FirstOrDefault(e => voiced.Any(s => Score(s.Text, [(e, 1)]) > 0));
        return negative switch
        {
            >= 4 => named ?? "frustrated",
            >= 2 => named is null ? "unhappy" : $"a bit {named}",
            _ when positive >= 1 => "calm and polite",
            _ => "calm",
        };
    }

    private string NextStep(Sentence? fromNotes, Sentence? wants, Sentence? issue)
    {
        if (fromNotes is not null)
        {
            string step = LeadIn().Replace(fromNotes.Text.Trim(), "");
            return Shorten(char.ToLowerInvariant(step[0]) + step[1..]);
        }

        if (wants is not null)
        {
            return Quote(wants);
        }

        string issueText = issue?.Text.ToLowerInvariant() ?? "";
        return issueText switch
        {
            _ when Regex.IsMatch(issueText, @"\b(charge|charged|refund|bill|billing|payment|twice|double)") => "review the charges with the caller and decide on a refund.",
            _ when Regex.IsMatch(issueText, @"\b(log in|login|password|locked)") => "verify the caller's identity and restore access.",
            _ when Regex.IsMatch(issueText, @"\b(order|package|delivery|arrive|shipping)") => "trace the order and arrange a replacement or refund.",
            _ => "confirm the details with the caller and resolve the issue.",
        };
    }

    /// <summary>The sentence from Agent B's point of view, shortened to the sentence budget, ending with a period.</summary>
    private string Quote(Sentence s)
    {
        string text = s.Source switch
        {
            Source.Caller => PerspectiveRewriter.FromCaller(s.Text),
            Source.Agent => PerspectiveRewriter.FromAgent(s.Text),
            _ => s.Text,
        };
        text = Fillers().Replace(text, "").Trim().TrimEnd('.', '!', '?', ',');
        if (!LeadingFullName().IsMatch(text))
        {
            text = char.ToLowerInvariant(text[0]) + text[1..];
        }

        return Shorten(text);
    }

    private string Shorten(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > Options.MaxSentenceWords)
        {
            words = words[..Options.MaxSentenceWords];
            TrimDanglingWords(words);
        }

        return string.Join(' ', words).TrimEnd('.', '!', '?', ',', ';') + ".";
    }

    /// <summary>A cut sentence must not end on "and", "the", "with"...</summary>
    private static void TrimDanglingWords(List<string> words)
    {
        while (words.Count > 3 && Dangling.Contains(words[^1].TrimEnd(',', ';')))
        {
            words.RemoveAt(words.Count - 1);
        }
    }

    /// <summary>Keeps every required part and as many optional ones as fit, most useful first; then trims to the budget.</summary>
    private string Fit(List<Part> parts)
    {
        foreach (var drop in new[] { Priority.NotesGist, Priority.Tried, Priority.Mood })
        {
            if (SpeakableText.EstimateSpokenWords(Join(parts)) <= Options.MaxSpokenWords)
            {
                break;
            }

            parts.RemoveAll(p => p.Priority == drop);
        }

        string text = Join(parts);
        while (SpeakableText.EstimateSpokenWords(text) > Options.MaxSpokenWords)
        {
            // Still too long: shorten the longest part by a word.
            int longest = parts.Select((p, i) => (p.Text.Length, i)).Max().i;
            var words = parts[longest].Text.TrimEnd('.').Split(' ');
            if (words.Length <= 4)
            {
                break;
            }

            var kept = words[..^1].ToList();
            TrimDanglingWords(kept);
            parts[longest] = parts[longest] with { Text = string.Join(' ', kept).TrimEnd(',', ';') + "." };
            text = Join(parts);
        }

        return text;
    }

    private static string Join(List<Part> parts)
    {
        var builder = new StringBuilder();
        foreach (var p in parts)
        {
            builder.Append(builder.Length == 0 ? "" : " ").Append(p.Text);
        }

        return builder.ToString();
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"\b(i want|i'd like|i would like|i need|can you|could you|please)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Wants();

    /// <summary>A sentence that starts with a full name ("Pat Lee was charged twice"), whose capitals are kept.</summary>
    [GeneratedRegex(@"^[A-Z][a-z]+\s+[A-Z][a-z]+\b")]
    private static partial Regex LeadingFullName();

    [GeneratedRegex(@"^(?:(?:agent\s*b|next step|next|to do|todo|action)\s*[:,-]\s*)?(?:please\s+|pls\s+|kindly\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();

    private static readonly HashSet<string> Dangling = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "but", "with", "to", "of", "the", "a", "an", "which", "that", "for", "on", "in", "at", "by", "is", "was", "their", "they",
    };

    [GeneratedRegex(@"\b(?<d>\d+) dollars?(?: and (?<c>\d{1,2}) cents?)?", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenMoney();

    [GeneratedRegex(@"^(?:(?:hi|hello|hey|yes|yeah|so|well|um|uh|okay|ok|and another thing|and also|also|and)\b[\s,]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Fillers();

    private enum Priority
    {
        Required,
        Mood,
        Tried,
        NotesGist,
    }

    private sealed record Sentence(Source Source, string Text);

    private sealed record Part(Priority Priority, string Text);
}
