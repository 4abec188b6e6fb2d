using Microsoft.Extensions.Logging;

namespace WarmTransfer.TransferAgent.Worker;

public sealed partial class AgentWorkerService
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Registered with the server as worker {WorkerId} (agent name '{AgentName}', up to {MaxJobs} jobs)")]
    private static partial void LogRegistered(ILogger logger, string workerId, string agentName, int maxJobs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Agent worker connection to {Endpoint} failed: {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, Uri endpoint, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Reconnecting in {DelayMs:0} ms (attempt {Attempt})")]
    private static partial void LogReconnecting(ILogger logger, double delayMs, int attempt);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The server closed the worker connection ({Status} {Description})")]
    private static partial void LogServerClosed(ILogger logger, string status, string description);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "The worker connection ended: nothing heard from the server for {Seconds:0.#} s, or it stopped reading")]
    private static partial void LogServerSilent(ILogger logger, double seconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Job {JobId} in room {Room} offered (resuming: {Resuming}); available: {Available}")]
    private static partial void LogOffered(ILogger logger, string jobId, string room, bool resuming, bool available);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Job {JobId} in room {Room} assigned")]
    private static partial void LogAssigned(ILogger logger, string jobId, string room);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Job {JobId} terminated by the server")]
    private static partial void LogTerminated(ILogger logger, string jobId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Job {JobId} ended while disconnected; its outcome is not reported")]
    private static partial void LogOutcomeNotReported(ILogger logger, string jobId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Stopping: taking no more jobs, {Jobs} running")]
    private static partial void LogDrainStarted(ILogger logger, int jobs);
}
