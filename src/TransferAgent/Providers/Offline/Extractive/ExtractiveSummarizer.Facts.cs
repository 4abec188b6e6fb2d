using System.Globalization;
using System.Text.RegularExpressions;

namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

/// <summary>Fact extraction: the caller's name, identifiers (account, order... numbers) and amounts of money.</summary>
public sealed partial class ExtractiveSummarizer
{
    /// <summary>The caller's name from the notes, the caller's self-introduction, or the agent's form of address.</summary>
    private static string? FindName(IEnumerable<Sentence> sentences)
    {
        foreach (var s in sentences.OrderBy(s => s.Source == Source.Notes ? 0 : 1))
        {
            if (s.Source == Source.Notes && NoteSubjectName().Match(s.Text) is { Success: true } subject && !NotNames.Contains(subject.Groups["first"].Value))
            {
                return $"{subject.Groups["first"].Value} {subject.Groups["last"].Value}";
            }

            var regex = s.Source switch
            {
                Source.Notes => NoteName(),
                Source.Caller => SelfIntroduction(),
                _ => FormOfAddress(),
            };
            foreach (Match m in regex.Matches(s.Text))
            {
                string first = m.Groups["first"].Value;
                string last = m.Groups["last"].Success ? m.Groups["last"].Value : "";
                if (first.Length < 2 || NotNames.Contains(first))
                {
                    continue;
                }

                string name = last.Length >= 2 && !NotNames.Contains(last) ? $"{TitleCase(first)} {TitleCase(last)}" : TitleCase(first);
                return s.Source == Source.Agent ? $"{TitleCase(m.Groups["title"].Value)} {name}".Trim() : name;
            }
        }

        return null;
    }

    /// <summary>
    /// Labelled identifiers ("account 471293"), notes first, at most <paramref name="max"/>, without duplicates. A bare
    /// number of six or more digits takes its label from the sentence before it ("what's the phone number?" "it's 5550198").
    /// </summary>
    private static List<string> FindIdentifiers(IReadOnlyList<Sentence> sentences, int max)
    {
        var found = new List<string>();
        var digitsSeen = new HashSet<string>(StringComparer.Ordinal);
        bool Add(string label, string id)
        {
            string digits = new([.. id.Where(char.IsLetterOrDigit)]);
            if (digits.Count(char.IsAsciiDigit) >= 4 && digitsSeen.Add(digits))
            {
                found.Add($"{label} {digits.ToUpperInvariant()}");
            }

            return found.Count == max;
        }

        var ordered = sentences.Select((s, i) => (Sentence: s, Index: i)).OrderBy(x => x.Sentence.Source == Source.Notes ? 0 : 1).ToList();
        foreach (var (s, _) in ordered)
        {
            foreach (Match m in Identifier().Matches(s.Text))
            {
                if (Add(IdentifierLabels[m.Groups["label"].Value], m.Groups["id"].Value))
                {
                    return found;
                }
            }
        }

        foreach (var (s, index) in ordered)
        {
            foreach (Match m in BareNumber().Matches(s.Text))
            {
                string label = index > 0 ? LabelWord().Match(sentences[index - 1].Text).Value : "";
                if (Add(label.Length == 0 ? "number" : IdentifierLabels[label], m.Value))
                {
                    return found;
                }
            }
        }

        return found;
    }

    /// <summary>Distinct amounts of money as "$245" or "$19.99", in order of mention (notes first).</summary>
    private static List<string> FindAmounts(IEnumerable<Sentence> sentences, int max)
    {
        var found = new List<string>();
        foreach (var s in sentences.OrderBy(s => s.Source == Source.Notes ? 0 : 1))
        {
            foreach (Match m in Amount().Matches(s.Text))
            {
                string dollars = (m.Groups["d1"].Success ? m.Groups["d1"] : m.Groups["d2"]).Value.Replace(",", "", StringComparison.Ordinal);
                string cents = m.Groups["c1"].Success ? m.Groups["c1"].Value : m.Groups["c2"].Success ? m.Groups["c2"].Value : m.Groups["c3"].Value;
                if (!long.TryParse(dollars, NumberStyles.None, CultureInfo.InvariantCulture, out long whole))
                {
                    continue;
                }

                string amount = cents.Length > 0 && cents != "00"
                    ? string.Create(CultureInfo.InvariantCulture, $"${whole}.{int.Parse(cents, CultureInfo.InvariantCulture):00}")
                    : string.Create(CultureInfo.InvariantCulture, $"${whole}");
                if (!found.Contains(amount))
                {
                    found.Add(amount);
                    if (found.Count == max)
                    {
                        return found;
                    }
                }
            }
        }

        return found;
    }

    private static string TitleCase(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();

    [GeneratedRegex(@"\b(?:my name is|my name's|name is|this is|i am|i'm|it's)\s+(?<first>[A-Za-z]+)(?:\s+(?<last>[A-Za-z]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"\b(?<title>mr|mrs|ms|miss|mister|doctor|dr)\.?\s+(?<first>[A-Za-z]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FormOfAddress();

    [GeneratedRegex(@"\b(?:caller|customer|name)(?:\s+name)?\s*(?:is|:|-)\s*(?<first>[A-Za-z]+)(?:\s+(?<last>[A-Za-z]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex NoteName();

    /// <summary>Notes that start with the caller as the subject: "Pat Lee was charged twice...", "Ann Fox wants...".</summary>
    [GeneratedRegex(@"^(?<first>[A-Z][a-z]+)\s+(?<last>[A-Z][a-z]+)\s+(?:was|is|has|had|wants|wanted|needs|called|asked|would|says|said|reports|reported)\b")]
    private static partial Regex NoteSubjectName();

    [GeneratedRegex(@"\b(?<label>account|acct|order|policy|member|reference|ref|case|ticket|card|invoice|claim|confirmation|phone|customer)\b(?:\s+(?:number|no\.?|num|#|id|ending|ending in|that ends in))?\s*(?:is|:|#|was|of)?\s*(?<id>[A-Za-z]{0,3}-?\d(?:[\d -]*\d)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(?<![\d$.,])\d{6,}(?![\d.,]\d)")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\b(?:account|acct|order|policy|member|reference|ref|case|ticket|card|invoice|claim|confirmation|phone|customer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LabelWord();

    [GeneratedRegex(@"\$\s?(?<d1>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<c1>\d{2}))?|\b(?<d2>\d+)(?:\.(?<c2>\d{2}))?\s*(?:dollars?|bucks)(?:\s+(?:and\s+)?(?<c3>\d{1,2})\s+cents)?", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();
}
