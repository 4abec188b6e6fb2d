using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WarmTransfer.TransferAgent.Language;

/// <summary>
/// Prepares display text for a speech synthesiser and estimates how long it takes to say. Identifiers are read digit
/// by digit ("account 471293" becomes "account 4 7 1 2 9 3", as a person would read it back), money is spelled out
/// ("$245.50" becomes "245 dollars and 50 cents"), and markdown that an LLM may add is removed.
/// </summary>
public static partial class SpeakableText
{
    /// <summary>A typical text-to-speech rate (words per minute) for duration estimates.</summary>
    public const double WordsPerMinute = 160;

    public static string Format(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = Markdown().Replace(text, " ");
        s = Money().Replace(s, m =>
        {
            string dollars = m.Groups["d"].Value.Replace(",", "", StringComparison.Ordinal);
            string cents = m.Groups["c"].Value;
            return cents.Length == 0 || cents == "00" ? $"{dollars} dollars" : $"{dollars} dollars and {int.Parse(cents, CultureInfo.InvariantCulture)} cents";
        });
        // "account 471293" is said "account number 4 7 1 2 9 3": clearer to a listener, and "account four..." is
        // heard as "account for..." by recognisers.
        s = LabelledNumber().Replace(s, m => $"{m.Groups["label"].Value} number {m.Groups["id"].Value}");

        // A four-digit 19xx/20xx is a year and is read as one.
        s = LongDigits().Replace(s, m => m.Value.Length == 4 && m.Value[0..2] is "19" or "20" ? m.Value : string.Join(' ', m.Value.Where(char.IsAsciiDigit)));
        return Spaces().Replace(s, " ").Trim();
    }

    /// <summary>
    /// Roughly how many words a synthesiser speaks for <paramref name="text"/>: numbers count as the words they are
    /// read as (a digit read alone is one word, 245 is "two hundred forty five", four).
    /// </summary>
    public static int EstimateSpokenWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int words = 0;
        foreach (string token in Format(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string digits = new([.. token.Where(char.IsAsciiDigit)]);
            words += digits.Length switch
            {
                0 => token.Any(char.IsLetter) ? 1 : 0,
                1 => 1,
                2 => digits[0] is '1' or '0' || digits[1] == '0' ? 1 : 2,
                3 => 4,
                _ => 6,
            };
        }

        return words;
    }

    /// <summary>Estimated speaking time at <see cref="WordsPerMinute"/>.</summary>
    public static TimeSpan EstimateDuration(string text) => TimeSpan.FromMinutes(EstimateSpokenWords(text) / WordsPerMinute);

    [GeneratedRegex(@"[*_#`>|]+|^\s*[-•]\s+", RegexOptions.Multiline)]
    private static partial Regex Markdown();

    [GeneratedRegex(@"\$\s?(?<d>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<c>\d{2}))?")]
    private static partial Regex Money();

    /// <summary>Four or more digits, possibly grouped with spaces or hyphens (account, card, phone numbers).</summary>
    [GeneratedRegex(@"(?<![\d.,$])\d(?:[ -]?\d){3,}(?![\d.,]\d)(?!\s*(?:dollars?|cents?)\b)")]
    private static partial Regex LongDigits();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(?<label>account|order|policy|member|reference|case|ticket|card|invoice|claim|confirmation|phone)\s+(?<id>\d[\d -]{3,}\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LabelledNumber();
}
