using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>
/// The user message a summary request carries: a short header, the speaker-labelled transcript and the agent's notes.
/// LLMs read it as text; the offline extractive summariser parses it back with <see cref="TryParse"/>, so both
/// sides of that contract live here.
/// </summary>
public static partial class SummaryRequestFormat
{
    public const string TranscriptHeading = "Transcript:";
    public const string NotesHeading = "Agent notes:";
    private const string CallerNameLabel = "Caller name:";

    public static string Format(TransferContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Transfer {context.TransferId}").AppendLine();
        if (!string.IsNullOrWhiteSpace(context.CallerName))
        {
            builder.Append(CultureInfo.InvariantCulture, $"{CallerNameLabel} {context.CallerName.Trim()}").AppendLine();
        }

        if (!string.IsNullOrWhiteSpace(context.FromAgent) || !string.IsNullOrWhiteSpace(context.ToAgent))
        {
            builder.Append(CultureInfo.InvariantCulture, $"Transferring agent: {context.FromAgent ?? "unknown"}; receiving agent (you brief them): {context.ToAgent ?? "unknown"}").AppendLine();
        }

        builder.AppendLine().AppendLine(TranscriptHeading);
        if (context.Transcript.Count == 0)
        {
            builder.AppendLine("(no speech was transcribed)");
        }

        foreach (var line in context.Transcript)
        {
            string text = line.Text.ReplaceLineEndings(" ").Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (line.At is { } at)
            {
                builder.Append(CultureInfo.InvariantCulture, $"[{(int)at.TotalMinutes:00}:{at.Seconds:00}] ");
            }

            builder.Append(CultureInfo.InvariantCulture, $"{line.Speaker}: {text}").AppendLine();
        }

        builder.AppendLine().AppendLine(NotesHeading);
        builder.AppendLine(string.IsNullOrWhiteSpace(context.Notes) ? "(none)" : context.Notes.Trim());
        return builder.ToString();
    }

    /// <summary>Reads a message written by <see cref="Format"/> back into a context; false if it is not in that format.</summary>
    public static bool TryParse(string message, out TransferContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.ReplaceLineEndings("\n").Split('\n');
        int transcriptAt = Array.FindIndex(lines, l => l.Trim() == TranscriptHeading);
        if (transcriptAt < 0)
        {
            context = new TransferContext { TransferId = "" };
            return false;
        }

        int notesAt = Array.FindIndex(lines, transcriptAt, l => l.Trim() == NotesHeading);
        string? callerName = lines.Take(transcriptAt).Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith(CallerNameLabel, StringComparison.Ordinal))?[CallerNameLabel.Length..].Trim();
        var transcript = new List<TranscriptLine>();
        foreach (string raw in lines[(transcriptAt + 1)..(notesAt < 0 ? lines.Length : notesAt)])
        {
            var match = Line().Match(raw);
            if (match.Success)
            {
                var speaker = Enum.TryParse<TranscriptSpeaker>(match.Groups["who"].Value.Trim(), ignoreCase: true, out var s) ? s : TranscriptSpeaker.Other;
                transcript.Add(new TranscriptLine(speaker, match.Groups["text"].Value.Trim()));
            }
        }

        string notes = notesAt < 0 ? "" : string.Join('\n', lines[(notesAt + 1)..]).Trim();
        context = new TransferContext
        {
            TransferId = lines[0].StartsWith("Transfer ", StringComparison.Ordinal) ? lines[0][9..].Trim() : "",
            CallerName = string.IsNullOrEmpty(callerName) ? null : callerName,
            Transcript = transcript,
            Notes = notes is "" or "(none)" ? null : notes,
        };
        return true;
    }

    [GeneratedRegex(@"^\s*(?:\[[\d:.]+\]\s*)?(?<who>[A-Za-z][A-Za-z ]{0,30}):\s*(?<text>\S.*)$")]
    private static partial Regex Line();
}
