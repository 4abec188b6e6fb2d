using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// The State Cookie we put in INIT ACK (RFC 4960 §5.1.3): everything needed to build the association when the
/// COOKIE ECHO comes back, so no state is kept for an INIT alone. Signed with HMAC-SHA256 under a per-association
/// secret; the creation time bounds its lifetime (§5.1.5 step 3).
/// </summary>
internal readonly record struct SctpStateCookie(
    long CreatedUnixMilliseconds,
    uint LocalTag,
    uint PeerTag,
    uint LocalInitialTsn,
    uint PeerInitialTsn,
    uint PeerWindow,
    ushort PeerOutboundStreams,
    ushort PeerInboundStreams,
    bool PeerForwardTsn,
    bool PeerReconfig)
{
    private const byte Version = 1;
    private const int BodySize = 1 + 8 + (5 * 4) + (2 * 2) + 1;

    /// <summary>Body plus HMAC-SHA256.</summary>
    public const int Size = BodySize + HMACSHA256.HashSizeInBytes;

    public void WriteSigned(Span<byte> destination, ReadOnlySpan<byte> key)
    {
        Span<byte> body = destination[..BodySize];
        body[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(body[1..], CreatedUnixMilliseconds);
        BinaryPrimitives.WriteUInt32BigEndian(body[9..], LocalTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[13..], PeerTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[17..], LocalInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(body[21..], PeerInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(body[25..], PeerWindow);
        BinaryPrimitives.WriteUInt16BigEndian(body[29..], PeerOutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(body[31..], PeerInboundStreams);
        body[33] = (byte)((PeerForwardTsn ? 1 : 0) | (PeerReconfig ? 2 : 0));
        HMACSHA256.HashData(key, body, destination.Slice(BodySize, HMACSHA256.HashSizeInBytes));
    }

    /// <summary>False if the cookie is the wrong size, version, or its MAC does not verify (constant time).</summary>
    public static bool TryReadVerified(ReadOnlySpan<byte> cookie, ReadOnlySpan<byte> key, out SctpStateCookie state)
    {
        state = default;
        if (cookie.Length != Size || cookie[0] != Version)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, cookie[..BodySize], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, cookie[BodySize..]))
        {
            return false;
        }

        state = new SctpStateCookie(
            BinaryPrimitives.ReadInt64BigEndian(cookie[1..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[9..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[13..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[17..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[21..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[25..]),
            BinaryPrimitives.ReadUInt16BigEndian(cookie[29..]),
            BinaryPrimitives.ReadUInt16BigEndian(cookie[31..]),
            (cookie[33] & 1) != 0,
            (cookie[33] & 2) != 0);
        return true;
    }
}
