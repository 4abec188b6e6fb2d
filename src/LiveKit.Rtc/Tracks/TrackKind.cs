namespace LiveKit.Rtc;

public enum TrackKind
{
    Unknown = 0,
    Audio = 1,
    Video = 2,
}
