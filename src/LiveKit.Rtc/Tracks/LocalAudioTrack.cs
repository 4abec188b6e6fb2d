using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>
/// An audio track fed by an <see cref="AudioSource"/>; publish it with <see cref="LocalParticipant.PublishTrackAsync"/>.
/// The caller owns it and disposes it (after unpublishing, or after the room is disposed).
/// </summary>
public sealed class LocalAudioTrack : Track, IDisposable
{
    private LocalAudioTrack(FfiHandle handle, TrackInfo info, AudioSource source)
        : base(handle, info.Sid, info.Name, TrackKind.Audio, info.Muted)
    {
        Source = source;
    }

    public AudioSource Source { get; }

    /// <summary>Creates a track named <paramref name="name"/> carrying what <paramref name="source"/> captures.</summary>
    public static LocalAudioTrack Create(string name, AudioSource source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        var client = FfiClient.Instance;
        FfiResponse response;
        using (var lease = source.Handle.Acquire(source))
        {
            response = client.Request(new FfiRequest
            {
                CreateAudioTrack = new CreateAudioTrackRequest { Name = name, SourceHandle = lease.Id },
            });
        }
        var owned = response.CreateAudioTrack?.Track ?? throw ThrowHelper.UnexpectedResponse(FfiRequest.MessageOneofCase.CreateAudioTrack, response.MessageCase.ToString());
        return new LocalAudioTrack(new FfiHandle(owned.Handle.Id), owned.Info, source);
    }

    /// <summary>Mutes (sends silence and marks the publication muted) or unmutes the track.</summary>
    public void SetMuted(bool muted)
    {
        FfiResponse response;
        using (var lease = Handle.Acquire(this))
        {
            response = FfiClient.Instance.Request(new FfiRequest
            {
                LocalTrackMute = new LocalTrackMuteRequest { TrackHandle = lease.Id, Mute = muted },
            });
        }
        IsMuted = response.LocalTrackMute?.Muted ?? muted;
    }

    public void Dispose() => Handle.Dispose();
}
