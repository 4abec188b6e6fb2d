namespace LiveKit.Rtc;

/// <summary>What a track carries, as declared by its publisher.</summary>
public enum TrackSource
{
    Unknown = 0,
    Camera = 1,
    Microphone = 2,
    ScreenShare = 3,
    ScreenShareAudio = 4,
}
