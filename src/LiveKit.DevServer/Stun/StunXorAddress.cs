using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace LiveKit.DevServer.Stun;

/// <summary>
/// XOR-MAPPED-ADDRESS (RFC 5389 §15.2): the port is XOR'ed with the cookie's top 16 bits, an IPv4 address with the
/// cookie, an IPv6 address with the cookie followed by the transaction id.
/// </summary>
internal static class StunXorAddress
{
    private const byte FamilyV4 = 0x01;
    private const byte FamilyV6 = 0x02;

    /// <summary>Value length for the address family: 8 for IPv4, 20 for IPv6.</summary>
    public static int ValueLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 20 : 8;

    public static int Encode(IPEndPoint endPoint, ReadOnlySpan<byte> transactionId, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        int length = v6 ? 20 : 8;
        destination[0] = 0;
        destination[1] = v6 ? FamilyV6 : FamilyV4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(endPoint.Port ^ (StunConstants.MagicCookie >> 16)));
        if (!address.TryWriteBytes(destination[4..], out int written) || written != length - 4)
        {
            throw new ArgumentException("Address does not fit the XOR-MAPPED-ADDRESS value.", nameof(endPoint));
        }

        Span<byte> mask = stackalloc byte[16];
        WriteMask(transactionId, mask);
        for (int i = 0; i < length - 4; i++)
        {
            destination[4 + i] ^= mask[i];
        }

        return length;
    }

    public static bool TryDecode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 8)
        {
            return false;
        }

        int addressLength = value[1] switch
        {
            FamilyV4 => 4,
            FamilyV6 => 16,
            _ => 0,
        };
        if (addressLength == 0 || value.Length != 4 + addressLength)
        {
            return false;
        }

        int port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (int)(StunConstants.MagicCookie >> 16);
        Span<byte> mask = stackalloc byte[16];
        WriteMask(transactionId, mask);
        Span<byte> address = stackalloc byte[addressLength];
        for (int i = 0; i < addressLength; i++)
        {
            address[i] = (byte)(value[4 + i] ^ mask[i]);
        }

        endPoint = new IPEndPoint(new IPAddress(address), port);
        return true;
    }

    private static void WriteMask(ReadOnlySpan<byte> transactionId, Span<byte> mask)
    {
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId[..StunConstants.TransactionIdLength].CopyTo(mask[4..]);
    }
}
