// Makes LiveKit's Rust core (shipped inside a Node-API addon) loadable outside Node.
// The addon imports ~45 napi_* functions from the Node executable and is linked BIND_NOW, so dlopen fails
// with "undefined symbol: napi_...". Nothing outside Node calls them, so we mark exactly those undefined
// .dynsym entries WEAK (st_info binding GLOBAL=1 -> WEAK=2); the C ABI (livekit_ffi_*) is untouched.
// Usage: dotnet run scripts/tools/weaken-napi-symbols.cs -- <input.node> <output.so>
using System.Buffers.Binary;
using System.Text;

if (args.Length != 2) { Console.Error.WriteLine("usage: weaken-napi-symbols <input.node> <output.so>"); return 2; }
byte[] elf = File.ReadAllBytes(args[0]);
if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
{ Console.Error.WriteLine($"{args[0]}: not a little-endian ELF64 file"); return 1; }

ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
const uint ShtDynsym = 11;
int weakened = 0;
for (int i = 0; i < shnum; i++)
{
    var sh = elf.AsSpan((int)shoff + i * shentsize, shentsize);
    if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtDynsym) continue;
    ulong symOff = BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
    ulong symSize = BinaryPrimitives.ReadUInt64LittleEndian(sh[0x20..]);
    uint link = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
    ulong entSize = BinaryPrimitives.ReadUInt64LittleEndian(sh[0x38..]);
    var strSh = elf.AsSpan((int)shoff + (int)link * shentsize, shentsize);
    int strOff = (int)BinaryPrimitives.ReadUInt64LittleEndian(strSh[0x18..]);
    for (ulong s = 0; s < symSize / entSize; s++)
    {
        int at = (int)(symOff + s * entSize);
        uint name = BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(at));
        byte info = elf[at + 4];
        ushort shndx = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(at + 6));
        if (shndx != 0 || (info >> 4) != 1) continue;
        var nameSpan = elf.AsSpan(strOff + (int)name);
        string symbol = Encoding.ASCII.GetString(nameSpan[..nameSpan.IndexOf((byte)0)]);
        if (!symbol.StartsWith("napi_", StringComparison.Ordinal)) continue;
        elf[at + 4] = (byte)((2 << 4) | (info & 0xF));
        weakened++;
    }
}
if (weakened == 0) { Console.Error.WriteLine($"{args[0]}: no undefined napi_* symbols found; is this the LiveKit FFI addon?"); return 1; }
File.WriteAllBytes(args[1], elf);
Console.WriteLine($"weakened {weakened} napi_* imports -> {args[1]}");
return 0;
