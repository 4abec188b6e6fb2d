using System.Buffers.Binary;
using System.Text;
using LiveKit.DevServer.Sctp;

namespace LiveKit.DevServer.Tests.Sctp;

public class Crc32cTests
{
    [Fact]
    public void Compute_CheckString_IsTheCatalogueCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32c.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    // RFC 3720 Appendix B.4: CRC bytes as transmitted (least significant byte first).
    [Theory]
    [InlineData("zeros", "aa36918a")]
    [InlineData("ones", "43aba862")]
    [InlineData("incrementing", "4e79dd46")]
    [InlineData("decrementing", "5cdb3f11")]
    public void Compute_Rfc3720Vectors_MatchByteForByte(string pattern, string expectedWireHex)
    {
        byte[] data = pattern switch
        {
            "zeros" => new byte[32],
            "ones" => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
            "incrementing" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            _ => Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(),
        };
        byte[] wire = new byte[4];

        BinaryPrimitives.WriteUInt32LittleEndian(wire, Crc32c.Compute(data));

        Assert.Equal(Convert.FromHexString(expectedWireHex), wire);
    }

    [Fact]
    public void Compute_Rfc3720IscsiReadCommandPdu_MatchesByteForByte()
    {
        byte[] pdu = Convert.FromHexString(
            "01c00000000000000000000000000000" +
            "14000000000004000000001400000018" +
            "28000000000000000200000000000000");
        byte[] wire = new byte[4];

        BinaryPrimitives.WriteUInt32LittleEndian(wire, Crc32c.Compute(pdu));

        Assert.Equal(Convert.FromHexString("563a96d9"), wire);
    }

    [Fact]
    public void Update_InPieces_EqualsOneShot()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

        uint pieces = ~Crc32c.Update(Crc32c.Update(uint.MaxValue, data.AsSpan(0, 13)), data.AsSpan(13));

        Assert.Equal(Crc32c.Compute(data), pieces);
    }
}
