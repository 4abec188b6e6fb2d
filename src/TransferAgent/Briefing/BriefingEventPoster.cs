using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.ControlPlane;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>
/// Posts briefing events to the control API in order, in the background, so a slow or failing API never delays speech.
/// Failures are logged and dropped (events are a record, not a control path). Disposing drains what is queued, for
/// at most <see cref="DrainTimeout"/>.
/// </summary>
internal sealed partial class BriefingEventPoster : IAsyncDisposable
{
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    private readonly IControlPlaneClient _controlPlane;
    private readonly string _transferId;
    private readonly ILogger _logger;
    private readonly Channel<WorkerEvent> _queue = Channel.CreateUnbounded<WorkerEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _pump;

    public BriefingEventPoster(IControlPlaneClient controlPlane, string transferId, ILogger logger)
    {
        _controlPlane = controlPlane;
        _transferId = transferId;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    public void Post(string type, string? detail = null) => _queue.Writer.TryWrite(new WorkerEvent(type, detail));

    private async Task PumpAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await _controlPlane.PostEventAsync(_transferId, e, _abort.Token).ConfigureAwait(false);
            }
            catch (ControlApiException ex)
            {
                LogEventLost(_logger, e.Type, _transferId, ex.StatusCode is { } s ? (int)s : 0);
            }
            catch (OperationCanceledException)
            {
                LogEventLost(_logger, e.Type, _transferId, 0);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _pump.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await _pump.ConfigureAwait(false);
        }

        _abort.Dispose();
    }

    [LoggerMessage(EventId = 3810, Level = LogLevel.Warning, Message = "Briefing event {Type} for transfer {TransferId} was not recorded (status {Status})")]
    private static partial void LogEventLost(ILogger logger, string type, string transferId, int status);
}
