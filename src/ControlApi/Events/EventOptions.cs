using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Events;

/// <summary>Settings of the agents' live event streams (section <c>Events</c>).</summary>
internal sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>How long persisted events stay available for <c>Last-Event-ID</c> resume.</summary>
    [SettingRange("Events:Retention", "00:01:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Idle time after which a heartbeat event is sent on an open stream.</summary>
    [SettingRange("Events:HeartbeatInterval", "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events buffered per connected stream before the oldest are dropped (a slow console never holds up others).</summary>
    [SettingRange("Events:StreamBuffer", 16, 100_000)]
    public int StreamBuffer { get; set; } = 1024;
}
