using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>The pieces of Dockerfile syntax the instructions share: words, variables, durations, JSON arrays.</summary>
public static partial class DockerfileSyntax
{
    /// <summary>
    /// Splits on unquoted whitespace; quotes are removed; <c>$VAR</c> and <c>${VAR}</c> are replaced from
    /// <paramref name="variables"/> outside single quotes (as Docker does for ENV, WORKDIR, USER, COPY, FROM).
    /// An unknown variable is an error here (Docker would silently substitute nothing).
    /// </summary>
    public static IReadOnlyList<string> Words(string text, IReadOnlyDictionary<string, string> variables, DockerfileInstruction at)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (quote != '\'' && c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (quote == '\0' && c is '"' or '\'')
            {
                quote = c;
            }
            else if (quote != '\0' && c == quote)
            {
                quote = '\0';
            }
            else if (quote != '\'' && c == '$')
            {
                i = Expand(text, i, variables, word, at);
            }
            else
            {
                word.Append(c);
            }
        }

        if (quote != '\0')
        {
            throw Error(at, $"unterminated {quote} quote");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>One word (variables expanded): for instructions whose argument is a single value.</summary>
    public static string One(string text, IReadOnlyDictionary<string, string> variables, DockerfileInstruction at)
    {
        var words = Words(text, variables, at);
        return words.Count == 1 ? words[0] : throw Error(at, $"expected one value, found {words.Count}");
    }

    /// <summary>The JSON (exec) form <c>["a", "b"]</c>; null when <paramref name="text"/> is not a JSON array.</summary>
    public static IReadOnlyList<string>? JsonArray(string text, DockerfileInstruction at)
    {
        if (!text.TrimStart().StartsWith('['))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(text) ?? throw Error(at, "empty JSON array");
        }
        catch (JsonException e)
        {
            throw Error(at, $"not a JSON array of strings ({e.Message})");
        }
    }

    /// <summary>A Go duration as Docker's options take it: <c>15s</c>, <c>1m30s</c>, <c>500ms</c>.</summary>
    public static TimeSpan Duration(string text, DockerfileInstruction at)
    {
        var parts = DurationPart().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            throw Error(at, $"'{text}' is not a duration such as 15s or 1m30s");
        }

        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            double value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return total;
    }

    public static FormatException Error(DockerfileInstruction at, string message) =>
        new($"Dockerfile line {at.Line} ({at.Keyword}): {message}. The image rehearsal (tests/EndToEnd/Deployment) reads the Dockerfile strictly; teach it the new syntax if it is intended.");

    private static int Expand(string text, int dollar, IReadOnlyDictionary<string, string> variables, StringBuilder into, DockerfileInstruction at)
    {
        string name;
        int end;
        if (dollar + 1 < text.Length && text[dollar + 1] == '{')
        {
            int close = text.IndexOf('}', dollar + 2);
            if (close < 0)
            {
                throw Error(at, "unterminated ${");
            }

            name = text[(dollar + 2)..close];
            if (VariableName().Match(name) is not { Success: true } whole || whole.Length != name.Length)
            {
                throw Error(at, $"'${{{name}}}': only plain ${{NAME}} substitutions are supported");
            }

            end = close;
        }
        else
        {
            var match = VariableName().Match(text, dollar + 1);
            if (!match.Success || match.Index != dollar + 1)
            {
                into.Append('$');
                return dollar;
            }

            name = match.Value;
            end = dollar + match.Length;
        }

        into.Append(variables.TryGetValue(name, out var value) ? value : throw Error(at, $"${name} is not defined here (no ARG, ENV or base image variable of that name)"));
        return end;
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex DurationPart();
}
