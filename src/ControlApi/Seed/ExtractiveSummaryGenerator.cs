using System.Text;
using System.Text.RegularExpressions;

namespace WarmTransfer.ControlApi.Seed;

/// <summary>
/// Offline fallback summariser: picks the few most informative sentences of the transcript (word-frequency scores
/// without stop words, a small bonus for the opening where callers state their reason) and keeps them in order.
/// Deterministic; no model, no network.
/// </summary>
internal sealed partial class ExtractiveSummaryGenerator : ISummaryGenerator
{
    public const int MaxSentences = 3;

    private static readonly HashSet<string> StopWords = new(
        """
        a an and are as at be been but by can could did do does for from had has have he her hi hello his i i'm im
        if in into is it it's its just me my no not of ok okay on or our please so that the their them then there
        they this to uh um was we were what when which who will with would yeah yes you your thanks thank sure
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public Task<string> SummarizeAsync(string transcript, string? notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var sentences = Sentences(transcript);
        var builder = new StringBuilder();
        if (sentences.Count > 0)
        {
            var frequencies = sentences.SelectMany(s => Words(s.Text)).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var picked = sentences
                .Select((s, index) => (s, index, score: Score(s.Text, frequencies) + (index < 2 ? 0.5 : 0)))
                .OrderByDescending(x => x.score)
                .ThenBy(x => x.index)
                .Take(MaxSentences)
                .OrderBy(x => x.index)
                .Select(x => x.s);
            builder.Append("Summary of the call: ");
            builder.AppendJoin(' ', picked.Select(s => s.Speaker is null ? s.Text : $"{s.Speaker} said: {s.Text}"));
        }
        else
        {
            builder.Append("No transcript is available for this call.");
        }

        if (!string.IsNullOrWhiteSpace(notes))
        {
            builder.Append(" Notes from the transferring agent: ").Append(notes.Trim());
        }

        return Task.FromResult(builder.ToString());
    }

    private static double Score(string sentence, Dictionary<string, int> frequencies)
    {
        var words = Words(sentence).ToList();
        return words.Count == 0 ? 0 : words.Sum(w => frequencies[w]) / Math.Sqrt(words.Count);
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 2 && !StopWords.Contains(w));

    /// <summary>Splits "speaker: text" lines into sentences, remembering the speaker.</summary>
    private static List<(string? Speaker, string Text)> Sentences(string transcript)
    {
        var result = new List<(string?, string)>();
        foreach (var rawLine in transcript.Split('\n'))
        {
            var line = rawLine.Trim();
            string? speaker = null;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon is > 0 and <= 40 && !line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                speaker = line[..colon];
                line = line[(colon + 1)..].Trim();
            }

            foreach (var sentence in SentencePattern().Split(line))
            {
                var text = sentence.Trim();
                if (text.Length > 0 && Words(text).Any())
                {
                    result.Add((speaker, text));
                }
            }
        }

        return result;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentencePattern();

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
