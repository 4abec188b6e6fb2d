namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>
/// The system prompt for LLM summary providers, read from a file that ships next to the worker
/// (<c>Summaries/SummaryPrompt.md</c>, setting <c>Summary:PromptFile</c>) so operators can read and tune it.
/// </summary>
public sealed class SummaryPrompt
{
    public SummaryPrompt(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text.Trim();
    }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Summaries", "SummaryPrompt.md");

    public string Text { get; }

    public static SummaryPrompt Load(string? path = null)
    {
        path = string.IsNullOrWhiteSpace(path) ? DefaultPath : Path.GetFullPath(path, AppContext.BaseDirectory);
        return File.Exists(path)
            ? new SummaryPrompt(File.ReadAllText(path))
            : throw new FileNotFoundException($"The summary prompt file '{path}' (Summary:PromptFile) does not exist.", path);
    }
}
