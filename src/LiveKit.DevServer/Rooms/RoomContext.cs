using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms;

/// <summary>What every room shares: the media plane, observers, limits, clock, logging and server description.</summary>
internal sealed class RoomContext(
    IMediaPlane media,
    IRoomObserver observer,
    RoomLimits limits,
    TimeProvider time,
    ILoggerFactory loggers,
    ServerInfo serverInfo,
    BackgroundWork background)
{
    public IMediaPlane Media { get; } = media;

    public IRoomObserver Observer { get; } = observer;

    public RoomLimits Limits { get; } = limits;

    public TimeProvider Time { get; } = time;

    public ILoggerFactory Loggers { get; } = loggers;

    public ServerInfo ServerInfo { get; } = serverInfo;

    public BackgroundWork Background { get; } = background;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
