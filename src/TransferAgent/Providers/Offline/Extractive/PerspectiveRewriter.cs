using System.Text.RegularExpressions;

namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

/// <summary>
/// Turns a first-person sentence into a report Agent B can hear: the caller's "I was charged twice on my card"
/// becomes "they were charged twice on their card"; Agent A's "I can see the charge on your account" becomes
/// "we can see the charge on their account". "They" and "we" conjugate like "I" except for be (am/was), which is
/// rewritten explicitly, so the result stays grammatical.
/// </summary>
internal static partial class PerspectiveRewriter
{
    private static readonly (Regex Pattern, string Replacement)[] Caller =
    [
        (Word("i am"), "they are"), (Word("i'm"), "they're"), (Word("i was"), "they were"), (Word("i wasn't"), "they weren't"),
        (Word("myself"), "themselves"), (Word("mine"), "theirs"), (Word("my"), "their"), (Word("me"), "them"),
        (Word("you guys"), "the company"), (Word("you are"), "the company is"), (Word("you're"), "the company is"),
        (Word("you were"), "the company was"), (Word("you have"), "the company has"), (Word("you've"), "the company has"),
        (Word("your"), "the company's"), (Word("you"), "the company"), (Word("i"), "they"),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Agent =
    [
        (Word("i am"), "we are"), (Word("i'm"), "we're"), (Word("i was"), "we were"), (Word("i wasn't"), "we weren't"),
        (Word("myself"), "ourselves"), (Word("my"), "our"), (Word("me"), "us"),
        (Word("you are"), "they are"), (Word("you're"), "they're"), (Word("you were"), "they were"), (Word("yourself"), "themselves"),
        (Word("your"), "their"), (Word("you"), "they"), (Word("i"), "we"),
    ];

    public static string FromCaller(string sentence) => Apply(sentence, Caller);

    public static string FromAgent(string sentence) => Apply(sentence, Agent);

    private static string Apply(string sentence, (Regex Pattern, string Replacement)[] rules)
    {
        // One pass per rule, longest phrases first; a placeholder stops later rules rewriting earlier output.
        string s = sentence;
        var placed = new List<string>();
        foreach (var (pattern, replacement) in rules)
        {
            s = pattern.Replace(s, _ =>
            {
                placed.Add(replacement);
                return $"\u0001{placed.Count - 1}\u0002";
            });
        }

        return Placeholder().Replace(s, m => placed[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static Regex Word(string phrase) =>
        new($@"(?<![\w']){Regex.Escape(phrase).Replace("\\ ", "\\s+", StringComparison.Ordinal)}(?![\w'])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex Placeholder();
}
