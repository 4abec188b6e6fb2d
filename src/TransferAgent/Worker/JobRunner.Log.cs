using Microsoft.Extensions.Logging;

namespace WarmTransfer.TransferAgent.Worker;

public sealed partial class JobRunner
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) started in room {Room}")]
    private static partial void LogStarted(ILogger logger, string jobId, string kind, string room);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Job {JobId} in room {Room} finished")]
    private static partial void LogSucceeded(ILogger logger, string jobId, string room);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Job {JobId} in room {Room} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string room, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Job {JobId} threw")]
    private static partial void LogJobException(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Job {JobId} assigned again while running here; the running instance continues")]
    private static partial void LogAlreadyRunning(ILogger logger, string jobId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Job {JobId}: leaving the room or releasing its services failed")]
    private static partial void LogCleanupFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Draining: waiting up to {TimeoutSeconds:0.#} s for {Jobs} running jobs")]
    private static partial void LogDraining(ILogger logger, int jobs, double timeoutSeconds);
}
