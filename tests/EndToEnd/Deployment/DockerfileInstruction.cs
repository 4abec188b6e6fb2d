namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>One logical Dockerfile instruction: continuation lines joined, comment lines dropped.</summary>
/// <param name="Keyword">Upper-cased instruction name (<c>RUN</c>, <c>COPY</c>, …).</param>
/// <param name="Arguments">Everything after the keyword, trimmed.</param>
/// <param name="Line">1-based line where the instruction starts (for messages).</param>
public sealed record DockerfileInstruction(string Keyword, string Arguments, int Line)
{
    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";

    /// <summary>
    /// Splits a Dockerfile into instructions the way BuildKit reads it: a trailing <c>\</c> continues the instruction
    /// on the next line (joined without a separator), lines starting with <c>#</c> are comments (parser directives such
    /// as <c># syntax=</c> included) even inside a continuation, and blank lines are skipped.
    /// </summary>
    public static IReadOnlyList<DockerfileInstruction> Read(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var current = new System.Text.StringBuilder();
        int start = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = i + 1;
            }

            string body = line.TrimEnd();
            bool continues = body.EndsWith('\\');
            current.Append(continues ? body[..^1] : body);
            if (!continues)
            {
                instructions.Add(Split(current.ToString(), start));
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            throw new FormatException($"Dockerfile line {start}: the last instruction ends with a line continuation '\\'.");
        }

        return instructions;
    }

    private static DockerfileInstruction Split(string logical, int line)
    {
        string text = logical.Trim();
        int space = text.IndexOfAny([' ', '\t']);
        string keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        string arguments = space < 0 ? string.Empty : text[(space + 1)..].Trim();
        return new DockerfileInstruction(keyword, arguments, line);
    }
}
