using Microsoft.Extensions.Logging;

namespace WarmTransfer.TransferAgent.Briefing;

public sealed partial class HandoffBriefingJob
{
    [LoggerMessage(EventId = 3800, Level = LogLevel.Information, Message = "Briefing for transfer {TransferId} started")]
    private static partial void LogStarted(ILogger logger, string transferId);

    [LoggerMessage(EventId = 3801, Level = LogLevel.Information, Message = "Briefing for transfer {TransferId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string transferId, string reason);

    [LoggerMessage(EventId = 3802, Level = LogLevel.Information, Message = "Transfer {TransferId} is {State}: nothing to brief")]
    private static partial void LogNotInProgress(ILogger logger, string transferId, string state);

    [LoggerMessage(EventId = 3803, Level = LogLevel.Information, Message = "Briefing for transfer {TransferId}: speaking (round {Round}, {Sentences} sentences)")]
    private static partial void LogSpeaking(ILogger logger, string transferId, int round, int sentences);

    [LoggerMessage(EventId = 3804, Level = LogLevel.Information, Message = "Briefing for transfer {TransferId}: spoken (round {Round}, {Seconds:0.0} s)")]
    private static partial void LogSpoken(ILogger logger, string transferId, int round, double seconds);

    [LoggerMessage(EventId = 3805, Level = LogLevel.Warning, Message = "Briefing for transfer {TransferId}: Agent B brought no audio within {Seconds:0} s")]
    private static partial void LogAgentAudioTimeout(ILogger logger, string transferId, double seconds);

    [LoggerMessage(EventId = 3806, Level = LogLevel.Warning, Message = "Briefing for transfer {TransferId}: the summary could not be posted (status {Status})")]
    private static partial void LogSummaryNotPosted(ILogger logger, string transferId, int status);

    [LoggerMessage(EventId = 3807, Level = LogLevel.Error, Message = "Briefing for transfer {TransferId} failed")]
    private static partial void LogFailed(ILogger logger, string transferId, Exception exception);

    [LoggerMessage(EventId = 3808, Level = LogLevel.Information, Message = "Briefing for transfer {TransferId}: {MaxRepeats} repeats given, further requests are ignored")]
    private static partial void LogRepeatsExhausted(ILogger logger, string transferId, int maxRepeats);

    [LoggerMessage(EventId = 3809, Level = LogLevel.Debug, Message = "Briefing track not unpublished")]
    private static partial void LogUnpublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3810, Level = LogLevel.Debug, Message = "Briefing for transfer {TransferId}: the text stream was not closed, the room went away ({Reason})")]
    private static partial void LogTextStreamNotClosed(ILogger logger, string transferId, string reason);
}
