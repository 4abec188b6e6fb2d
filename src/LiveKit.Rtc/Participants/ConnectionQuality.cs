namespace LiveKit.Rtc;

public enum ConnectionQuality
{
    Poor = 0,
    Good = 1,
    Excellent = 2,
    Lost = 3,
}
