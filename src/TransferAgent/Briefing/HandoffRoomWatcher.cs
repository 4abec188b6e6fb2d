using System.Threading.Channels;
using LiveKit.Rtc;
using WarmTransfer.TransferAgent.ControlPlane;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>
/// Watches the handoff room for what the briefing reacts to: Agent B arriving and publishing audio, repeat requests
/// (<c>wt.briefing</c>), and the end of the transfer (<c>wt.transfer</c> past Briefing, from the server only) or of
/// the connection. Subscribes in its constructor so nothing that happens while the job is busy is missed.
/// </summary>
/// <remarks>
/// Handlers run on the room's event loop and only set state: <see cref="Ended"/> is cancelled there synchronously, so
/// a playback linked to it fades out on its very next frame.
/// </remarks>
internal sealed class HandoffRoomWatcher : IDisposable
{
    private readonly Room _room;
    private readonly string _transferId;
    private readonly CancellationTokenSource _ended = new();
    private readonly TaskCompletionSource _agentJoined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _agentAudio = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _repeats = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action _onAgentJoined;
    private volatile string? _agent;
    private volatile string? _endReason;

    public HandoffRoomWatcher(Room room, string transferId, Action onAgentJoined)
    {
        _room = room;
        _transferId = transferId;
        _onAgentJoined = onAgentJoined;
        room.DataReceived += OnDataReceived;
        room.ParticipantConnected += OnParticipantConnected;
        room.TrackPublished += OnTrackPublished;
        room.Disconnected += OnDisconnected;
    }

    /// <summary>Cancelled when the transfer moved past Briefing or the room connection ended.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Why <see cref="Ended"/> fired, e.g. <c>transfer Cancelled</c>.</summary>
    public string? EndReason => _endReason;

    /// <summary>Completes when Agent B has an audio track published in the room.</summary>
    public Task AgentAudioUp => _agentAudio.Task;

    /// <summary>One pending repeat request at most (more while one is pending are dropped).</summary>
    public ChannelReader<bool> Repeats => _repeats.Reader;

    /// <summary>Starts looking for <paramref name="identity"/> (Agent B), including among those already in the room.</summary>
    public void WatchAgent(string identity)
    {
        _agent = identity;
        if (_room.RemoteParticipants.TryGetValue(identity, out var participant))
        {
            Joined();
            if (participant.TrackPublications.Values.Any(p => p.Kind == TrackKind.Audio))
            {
                _agentAudio.TrySetResult();
            }
        }
    }

    private void OnParticipantConnected(object? sender, ParticipantConnectedEvent e)
    {
        if (e.Participant.Identity == _agent)
        {
            Joined();
        }
    }

    private void OnTrackPublished(object? sender, TrackPublishedEvent e)
    {
        if (e.Participant.Identity == _agent && e.Publication.Kind == TrackKind.Audio)
        {
            Joined();
            _agentAudio.TrySetResult();
        }
    }

    private void Joined()
    {
        if (_agentJoined.TrySetResult())
        {
            _onAgentJoined();
        }
    }

    private void OnDataReceived(object? sender, DataReceivedEvent e)
    {
        var packet = e.Packet;
        if (packet.Topic == BriefingRequest.Topic && packet.Participant is not null && BriefingRequest.IsRepeat(packet.Payload.Span))
        {
            _repeats.Writer.TryWrite(true);
            return;
        }

        // Transfer state comes from the control API through the server (no sender participant); a page cannot end the briefing.
        if (packet.Topic == TransferSignal.Topic && packet.Participant is null
            && TransferSignal.TryParse(packet.Payload.Span, out var signal)
            && signal!.TransferId == _transferId && !TransferStates.IsInProgress(signal.State))
        {
            End("transfer " + signal.State);
        }
    }

    private void OnDisconnected(object? sender, DisconnectedEvent e) => End("room disconnected");

    private void End(string reason)
    {
        _endReason ??= reason;
        try
        {
            _ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job is over already.
        }
    }

    public void Dispose()
    {
        _room.DataReceived -= OnDataReceived;
        _room.ParticipantConnected -= OnParticipantConnected;
        _room.TrackPublished -= OnTrackPublished;
        _room.Disconnected -= OnDisconnected;
        _repeats.Writer.TryComplete();
        _ended.Dispose();
    }
}
