using System.Collections.Concurrent;
using LiveKit.Rtc;
using WarmTransfer.TransferAgent.Briefing;
using WarmTransfer.TransferAgent.Tests.TestSupport.Rtc;

namespace WarmTransfer.TransferAgent.Tests.Briefing;

/// <summary>
/// Agent B's side as a <c>LiveKit.Rtc</c> client: publishes a microphone (silence), records the bot's
/// <c>briefing</c> track and reads every <c>lk.transcription</c> text stream.
/// </summary>
internal sealed class AgentBClient : IAsyncDisposable
{
    private readonly TaskCompletionSource<ReceivedAudio> _briefing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<Task<string>> _texts = new();
    private readonly TaskCompletionSource<int> _transferSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _events;
    private AudioSource? _mic;
    private LocalAudioTrack? _micTrack;

    private AgentBClient(Room room)
    {
        Room = room;
        // ReadEventsAsync is buffered from the connection on, so nothing published before this point is missed.
        _events = Task.Run(ReadEventsAsync);
    }

    public Room Room { get; }

    public static async Task<AgentBClient> JoinAsync(LiveKitRig rig, string room, string identity) => new(await rig.JoinAsync(room, identity));

    /// <summary>Publishes Agent B's microphone: a source nothing is captured into carries silence.</summary>
    public async Task PublishMicrophoneAsync()
    {
        _mic = new AudioSource(48000, 1);
        _micTrack = LocalAudioTrack.Create("mic", _mic);
        await Room.LocalParticipant.PublishTrackAsync(_micTrack, new TrackPublishOptions { Source = TrackSource.Microphone }).WaitAsync(LiveKitRig.Timeout);
    }

    /// <summary>
    /// The number of briefing frames received when the first <c>wt.transfer</c> packet reached Agent B: the moment the
    /// command arrived in the room, on the received audio's timeline (the bot gets the same packet at the same time).
    /// </summary>
    public Task<int> TransferSignalFrame => _transferSignal.Task.WaitAsync(LiveKitRig.Timeout);

    public Task<ReceivedAudio> BriefingAudio => _briefing.Task.WaitAsync(LiveKitRig.Timeout);

    /// <summary>The texts of the transcription streams opened so far (each completes when its stream closes).</summary>
    public Task<string[]> TextsAsync() => Task.WhenAll(_texts.ToArray()).WaitAsync(LiveKitRig.Timeout);

    public int TextStreams => _texts.Count;

    public Task AskForRepeatAsync() =>
        Room.LocalParticipant.PublishDataAsync("""{"action":"repeat"}"""u8.ToArray(), reliable: true, topic: BriefingRequest.Topic).WaitAsync(LiveKitRig.Timeout);

    private async Task ReadEventsAsync()
    {
        try
        {
            await foreach (var e in Room.ReadEventsAsync(_stop.Token))
            {
                switch (e)
                {
                    case TrackSubscribedEvent s when s.Publication.Name == BriefingOptions.TrackName:
                        if (_briefing.Task.IsCompletedSuccessfully)
                        {
                            // The subscription was renewed: the same publication comes as a new track object.
                            _briefing.Task.Result.Follow(s.Track);
                        }
                        else
                        {
                            _briefing.TrySetResult(ReceivedAudio.FromTrack(s.Track));
                        }

                        break;
                    case DataReceivedEvent d when d.Packet.Topic == WarmTransfer.TransferAgent.ControlPlane.TransferSignal.Topic:
                        _transferSignal.TrySetResult(_briefing.Task.IsCompletedSuccessfully ? _briefing.Task.Result.FrameCount : 0);
                        break;
                    case TextStreamReceivedEvent t when t.Reader.Info.Topic == "lk.transcription":
                        _texts.Enqueue(t.Reader.ReadAllAsync());
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _events;
        if (_briefing.Task.IsCompletedSuccessfully)
        {
            await _briefing.Task.Result.DisposeAsync();
        }

        await Room.DisposeAsync();
        _micTrack?.Dispose();
        _mic?.Dispose();
        _stop.Dispose();
    }
}
