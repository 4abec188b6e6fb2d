using System.Text;
using System.Text.RegularExpressions;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// <c>.dockerignore</c>: which build-context paths Docker leaves out. Each line is a pattern relative to the context
/// (<c>*</c> within a path segment, <c>**</c> across segments, <c>?</c> one character), <c>!</c> re-includes, the last
/// matching line wins, and a path is out when it or one of its parent folders is. Character classes are not supported.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    /// <summary>Nothing ignored.</summary>
    public static DockerIgnore None { get; } = new([]);

    public int RuleCount => _rules.Count;

    /// <summary>The rules of <c>.dockerignore</c> in <paramref name="contextDirectory"/>, or <see cref="None"/>.</summary>
    public static DockerIgnore Load(string contextDirectory)
    {
        string path = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : None;
    }

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<(Regex, bool)>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            bool exclude = !line.StartsWith('!');
            string pattern = (exclude ? line : line[1..].Trim()).Trim('/');
            if (pattern.IndexOfAny(['[', '\\']) >= 0)
            {
                throw new FormatException($".dockerignore: '{line}' uses syntax the rehearsal does not support ([…] or \\).");
            }

            rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), exclude));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether <paramref name="relativePath"/> ('/'-separated, relative to the context) is left out.</summary>
    public bool IsIgnored(string relativePath)
    {
        // As Docker's pattern matcher: a rule applies when it matches the path or one of its parent folders
        // (excluding a folder excludes what is in it), and the last rule that applies decides.
        var segments = relativePath.Trim('/').Split('/');
        var candidates = Enumerable.Range(1, segments.Length).Select(depth => string.Join('/', segments[..depth])).ToArray();
        bool ignored = false;
        foreach (var (pattern, exclude) in _rules)
        {
            if (candidates.Any(pattern.IsMatch))
            {
                ignored = exclude;
            }
        }

        return ignored;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more folders; a trailing "**" anything below.
                bool slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return regex.ToString();
    }
}
