using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WarmTransfer.TransferAgent.Language;

/// <summary>
/// Rewrites spoken numbers as digits, the form both recognisers and people use inconsistently: "four seven one two"
/// and "forty seven twelve" both become "4712"; "two hundred and forty five dollars" becomes "245 dollars".
/// A run of number words is parsed into cardinal numbers (a new number starts whenever the next word cannot extend
/// the current one) and their digits are concatenated, so digit-by-digit and grouped readings of the same digits agree.
/// </summary>
public static partial class SpokenNumbers
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = 1_000, ["million"] = 1_000_000,
    };

    private static readonly HashSet<string> CurrencyWords = new(StringComparer.OrdinalIgnoreCase) { "dollar", "dollars", "bucks", "cents", "pounds", "euros" };

    private enum Last
    {
        None,
        Unit,
        Teen,
        Tens,
        Hundred,
        Scale,
    }

    /// <summary>
    /// Replaces spoken numbers in <paramref name="text"/> with digits, leaving other text as it is. With
    /// <paramref name="conservative"/>, a lone small number word ("one of them") is left alone unless a currency
    /// word follows; runs of two or more number words are always converted.
    /// </summary>
    public static string ToDigits(string text, bool conservative = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokens().Matches(text).Select(m => m.Value).ToList();
        var output = new StringBuilder(text.Length);
        int i = 0;
        while (i < tokens.Count)
        {
            if (!IsNumberWord(tokens[i], tokens, i, runStart: true))
            {
                output.Append(tokens[i]);
                i++;
                continue;
            }

            // Collect the run: number words joined by spaces or hyphens ("forty-five"), and "and" inside it.
            var words = new List<string> { tokens[i] };
            int end = i + 1;
            while (end + 1 < tokens.Count && IsJoiner(tokens[end]) && IsNumberWord(tokens[end + 1], tokens, end + 1, runStart: false))
            {
                words.Add(tokens[end + 1]);
                end += 2;
            }

            string next = NextWord(tokens, end);
            bool convert = !conservative || words.Count > 1 || CurrencyWords.Contains(next) || !IsSmallWord(words[0]);
            if (convert && Parse(words) is { } digits)
            {
                output.Append(digits);
            }
            else
            {
                output.Append(string.Concat(tokens.Skip(i).Take(end - i)));
            }

            i = end;
        }

        return output.ToString();
    }

    /// <summary>Parses a run of number words (and digit groups) into concatenated digits, or null if it is not a number.</summary>
    internal static string? Parse(IReadOnlyList<string> words)
    {
        var digits = new StringBuilder();
        long total = 0, current = 0;
        var last = Last.None;

        void Flush()
        {
            if (last != Last.None)
            {
                digits.Append((total + current).ToString(CultureInfo.InvariantCulture));
            }

            total = 0;
            current = 0;
            last = Last.None;
        }

        for (int k = 0; k < words.Count; k++)
        {
            string w = words[k];
            if (w.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                continue; // only kept inside runs after hundred/thousand, see IsNumberWord
            }

            if (w.Equals("a", StringComparison.OrdinalIgnoreCase))
            {
                Flush();
                current = 1; // "a hundred"
                last = Last.Unit;
                continue;
            }

            if (w.Length > 0 && char.IsAsciiDigit(w[0]))
            {
                Flush();
                digits.Append(w);
                continue;
            }

            if (w.Equals("oh", StringComparison.OrdinalIgnoreCase) || Units.TryGetValue(w, out _))
            {
                int unit = Units.GetValueOrDefault(w, 0);
                if (last is Last.Tens or Last.Hundred or Last.Scale && unit != 0)
                {
                    current += unit;
                }
                else
                {
                    Flush();
                    current = unit;
                }

                last = Last.Unit;
                if (unit == 0)
                {
                    Flush(); // zero never combines
                }
            }
            else if (Teens.TryGetValue(w, out int teen))
            {
                if (last is not (Last.Hundred or Last.Scale))
                {
                    Flush();
                }

                current += teen;
                last = Last.Teen;
            }
            else if (Tens.TryGetValue(w, out int tens))
            {
                if (last is not (Last.Hundred or Last.Scale))
                {
                    Flush();
                }

                current += tens;
                last = Last.Tens;
            }
            else if (w.Equals("hundred", StringComparison.OrdinalIgnoreCase))
            {
                if (last is Last.Unit or Last.Teen && current < 100)
                {
                    current *= 100;
                }
                else
                {
                    Flush();
                    current = 100;
                }

                last = Last.Hundred;
            }
            else if (Scales.TryGetValue(w, out long scale))
            {
                if (last is Last.Unit or Last.Teen or Last.Tens or Last.Hundred && (total == 0 || total > current * scale))
                {
                    total += current * scale;
                    current = 0;
                }
                else
                {
                    Flush();
                    total = scale;
                }

                last = Last.Scale;
            }
            else
            {
                return null;
            }
        }

        Flush();
        return digits.Length == 0 ? null : digits.ToString();
    }

    private static bool IsNumberWord(string token, List<string> tokens, int index, bool runStart)
    {
        if (token.Length == 0 || !char.IsLetterOrDigit(token[0]))
        {
            return false;
        }

        if (char.IsAsciiDigit(token[0]))
        {
            return token.All(char.IsAsciiDigit) && !runStart; // digit groups join a spoken run ("4 seven"), never start one
        }

        if (Units.ContainsKey(token) || Teens.ContainsKey(token) || Tens.ContainsKey(token) || Scales.ContainsKey(token)
            || token.Equals("hundred", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string next = NextWord(tokens, index + 1);
        string previous = PreviousWord(tokens, index);
        if (token.Equals("a", StringComparison.OrdinalIgnoreCase))
        {
            return runStart && (next.Equals("hundred", StringComparison.OrdinalIgnoreCase) || Scales.ContainsKey(next));
        }

        if (token.Equals("and", StringComparison.OrdinalIgnoreCase))
        {
            return !runStart && (previous.Equals("hundred", StringComparison.OrdinalIgnoreCase) || Scales.ContainsKey(previous))
                && (Units.ContainsKey(next) || Teens.ContainsKey(next) || Tens.ContainsKey(next));
        }

        // "oh" as zero only between digits ("four oh one").
        return token.Equals("oh", StringComparison.OrdinalIgnoreCase) && !runStart && Units.ContainsKey(next);
    }

    private static bool IsJoiner(string token) => token == "-" || (token.Length > 0 && token.All(c => c == ' ' || c == '\t'));

    private static bool IsSmallWord(string word) => Units.ContainsKey(word) || word.Equals("a", StringComparison.OrdinalIgnoreCase);

    private static string NextWord(List<string> tokens, int from)
    {
        for (int k = from; k < tokens.Count; k++)
        {
            if (!string.IsNullOrWhiteSpace(tokens[k]))
            {
                return tokens[k];
            }
        }

        return "";
    }

    private static string PreviousWord(List<string> tokens, int before)
    {
        for (int k = before - 1; k >= 0; k--)
        {
            if (!string.IsNullOrWhiteSpace(tokens[k]))
            {
                return tokens[k];
            }
        }

        return "";
    }

    [GeneratedRegex(@"[A-Za-z]+|\d+|\s+|[^A-Za-z\d\s]")]
    private static partial Regex Tokens();
}
