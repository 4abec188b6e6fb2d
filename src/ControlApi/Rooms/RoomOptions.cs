using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Rooms;

/// <summary>Room settings (section <c>Rooms</c>).</summary>
internal sealed class RoomOptions
{
    public const string Section = "Rooms";

    /// <summary>How long an empty call room lives on the LiveKit server before it closes itself.</summary>
    [SettingRange("Rooms:CallRoomEmptyTimeout", "00:00:01", "1.00:00:00")]
    public TimeSpan CallRoomEmptyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest display name accepted for a caller or agent.</summary>
    [SettingRange("Rooms:MaxDisplayNameLength", 1, 256)]
    public int MaxDisplayNameLength { get; set; } = 64;
}
