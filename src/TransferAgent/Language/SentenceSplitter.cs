namespace WarmTransfer.TransferAgent.Language;

/// <summary>
/// Splits text into sentences at '.', '!' or '?' followed by white space (or the end), and at line breaks; keeps
/// decimals (12.50) and common abbreviations (Mr., Dr., e.g.) inside their sentence. Good enough for
/// transcripts, notes and summaries; not a general NLP tokenizer.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "acct", "approx", "inc", "ltd", "co",
    };

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool lineBreak = c is '\n' or '\r';
            bool terminal = c is '.' or '!' or '?';
            if (!lineBreak && !terminal)
            {
                continue;
            }

            if (terminal)
            {
                // Absorb runs like "?!" and closing quotes/brackets.
                while (i + 1 < text.Length && text[i + 1] is '.' or '!' or '?' or '"' or '\'' or ')')
                {
                    i++;
                }

                bool atEnd = i + 1 >= text.Length;
                if (!atEnd && !char.IsWhiteSpace(text[i + 1]))
                {
                    continue; // 12.50, e.g., example.com
                }

                if (c == '.' && IsAbbreviation(text, start, i))
                {
                    continue;
                }
            }

            Add(sentences, text[start..(i + 1)]);
            start = i + 1;
        }

        Add(sentences, text[start..]);
        return sentences;
    }

    private static bool IsAbbreviation(string text, int start, int dot)
    {
        int wordStart = dot;
        while (wordStart > start && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        string word = text[wordStart..dot].TrimStart('(', '"', '\'');
        return word.Length > 0 && (Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])));
    }

    private static void Add(List<string> sentences, string candidate)
    {
        string trimmed = candidate.Trim();
        if (trimmed.Length > 0 && trimmed.Any(char.IsLetterOrDigit))
        {
            sentences.Add(trimmed);
        }
    }
}
