using System.Text;
using System.Text.RegularExpressions;

namespace WarmTransfer.TransferAgent.Language;

/// <summary>
/// Word error rate: word-level Levenshtein distance (substitutions + deletions + insertions) over the reference
/// length, after both sides are normalised the same way (<see cref="Normalize"/>): lower case, punctuation
/// dropped, money and spoken numbers as digits.
/// </summary>
public static partial class WordErrorRate
{
    public static double Compute(string reference, string hypothesis) => Compute(Words(reference), Words(hypothesis));

    public static double Compute(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        if (reference.Count == 0)
        {
            return hypothesis.Count == 0 ? 0 : 1;
        }

        return EditDistance(reference, hypothesis) / (double)reference.Count;
    }

    public static int EditDistance(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        var previous = new int[hypothesis.Count + 1];
        var current = new int[hypothesis.Count + 1];
        for (int j = 0; j <= hypothesis.Count; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= reference.Count; i++)
        {
            current[0] = i;
            for (int j = 1; j <= hypothesis.Count; j++)
            {
                int substitution = previous[j - 1] + (string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[hypothesis.Count];
    }

    /// <summary>The words of <paramref name="text"/> after normalisation.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"Hi, I'm owed $245!" and "hi i'm owed two hundred forty five dollars" both become "hi i'm owed 245 dollars".</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = Money().Replace(text, m => m.Groups[2].Success ? $"{m.Groups[1].Value} dollars {m.Groups[2].Value} cents" : $"{m.Groups[1].Value} dollars");
        s = s.ToLowerInvariant().Replace('-', ' ');
        var kept = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            bool apostropheInWord = c == '\'' && i > 0 && i + 1 < s.Length && char.IsLetter(s[i - 1]) && char.IsLetter(s[i + 1]);
            kept.Append(char.IsLetterOrDigit(c) || apostropheInWord ? c : ' ');
        }

        // Contractions are a spelling choice, not a recognition error: "i'm" and "i am" are the same words.
        string expanded = string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Contractions.TryGetValue(w, out var full) ? full : w));

        // Digit groups as typed ("4 7 1 2") join into one number like their spoken form.
        string spaced = SpokenNumbers.ToDigits(expanded);
        return DigitRuns().Replace(spaced, m => m.Value.Replace(" ", "", StringComparison.Ordinal)).Trim();
    }

    private static readonly Dictionary<string, string> Contractions = new(StringComparer.Ordinal)
    {
        ["i'm"] = "i am", ["i've"] = "i have", ["i'll"] = "i will", ["i'd"] = "i would",
        ["you're"] = "you are", ["you've"] = "you have", ["you'll"] = "you will", ["we're"] = "we are", ["we've"] = "we have",
        ["they're"] = "they are", ["they've"] = "they have", ["it's"] = "it is", ["that's"] = "that is", ["there's"] = "there is",
        ["what's"] = "what is", ["let's"] = "let us", ["don't"] = "do not", ["doesn't"] = "does not", ["didn't"] = "did not",
        ["isn't"] = "is not", ["aren't"] = "are not", ["wasn't"] = "was not", ["weren't"] = "were not", ["haven't"] = "have not",
        ["hasn't"] = "has not", ["can't"] = "can not", ["cannot"] = "can not", ["won't"] = "will not", ["couldn't"] = "could not",
        ["wouldn't"] = "would not", ["shouldn't"] = "should not",
    };

    [GeneratedRegex(@"\$(\d+)(?:\.(\d{2}))?")]
    private static partial Regex Money();

    [GeneratedRegex(@"\d+(?: +\d+)+")]
    private static partial Regex DigitRuns();
}
