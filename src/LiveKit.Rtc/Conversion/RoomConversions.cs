using Proto = LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Conversion;

internal static class RoomConversions
{
    public static Proto.RoomOptions ToProto(this RoomOptions options)
    {
        var proto = new Proto.RoomOptions
        {
            AutoSubscribe = options.AutoSubscribe,
            AdaptiveStream = options.AdaptiveStream,
            Dynacast = options.Dynacast,
            SinglePeerConnection = options.SinglePeerConnection,
        };
        if (options.JoinRetries is { } retries)
        {
            proto.JoinRetries = (uint)retries;
        }
        if (options.ConnectTimeout is { } timeout)
        {
            proto.ConnectTimeoutMs = (ulong)timeout.TotalMilliseconds;
        }
        if (options.IceServers is { Count: > 0 } servers)
        {
            var rtc = new Proto.RtcConfig();
            foreach (var server in servers)
            {
                var ice = new Proto.IceServer();
                ice.Urls.Add(server.Urls);
                if (server.Username is not null)
                {
                    ice.Username = server.Username;
                }
                if (server.Password is not null)
                {
                    ice.Password = server.Password;
                }
                rtc.IceServers.Add(ice);
            }
            proto.RtcConfig = rtc;
        }
        return proto;
    }

    public static Proto.TrackPublishOptions ToProto(this TrackPublishOptions options)
    {
        var proto = new Proto.TrackPublishOptions { Source = options.Source.ToProto() };
        if (options.Dtx is { } dtx)
        {
            proto.Dtx = dtx;
        }
        if (options.Red is { } red)
        {
            proto.Red = red;
        }
        if (options.AudioMaxBitrate is { } bitrate)
        {
            proto.AudioEncoding = new Proto.AudioEncoding { MaxBitrate = (ulong)bitrate };
        }
        if (options.Stream is { } stream)
        {
            proto.Stream = stream;
        }
        return proto;
    }
}
