// Marks one symbol-version requirement of an ELF64 shared library as weak (VER_FLG_WEAK), so
// the dynamic loader accepts the library on a system whose libstdc++ lacks that version.
//
// Used by TorchSharpNative.targets (an inline MSBuild task, compiled from this file) and by the
// tests (compiled with SONATA_ELF_NO_TASK, which leaves out the MSBuild task class).
//
// Layout read here (all little-endian, ELF64):
//   ELF header   e_shoff @0x28 (u64), e_shentsize @0x3A, e_shnum @0x3C (u16)
//   Section hdr  sh_type @0x04 (u32), sh_offset @0x18 (u64), sh_size @0x20 (u64),
//                sh_link @0x28 (u32: the string table of version names), sh_info @0x2C (u32: entries)
//   Verneed      vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32      (16 bytes)
//   Vernaux      vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32 (16 bytes)
using System;
using System.IO;

namespace Sonata.Build
{
    /// <summary>What <see cref="ElfWeakVersion.MarkWeak"/> found.</summary>
    public enum ElfWeakVersionResult
    {
        /// <summary>The requirement was strong and is now weak.</summary>
        Marked,
        /// <summary>The requirement was already weak; nothing written.</summary>
        AlreadyWeak,
        /// <summary>The library does not ask for that version; nothing written.</summary>
        NotRequired,
    }

    public static class ElfWeakVersion
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>Marks <paramref name="version"/> (e.g. GLIBCXX_3.4.32) weak in the file's .gnu.version_r.</summary>
        public static ElfWeakVersionResult MarkWeak(string path, string version)
        {
            byte[] elf = File.ReadAllBytes(path);
            long flagsOffset = FindFlags(elf, version);
            if (flagsOffset < 0) return ElfWeakVersionResult.NotRequired;
            int flags = U16(elf, flagsOffset);
            if ((flags & VerFlagWeak) != 0) return ElfWeakVersionResult.AlreadyWeak;
            flags |= VerFlagWeak;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                file.Position = flagsOffset;
                file.Write(new[] { (byte)flags, (byte)(flags >> 8) }, 0, 2);
            }
            return ElfWeakVersionResult.Marked;
        }

        /// <summary>Whether the file asks for <paramref name="version"/>, and as a weak requirement.</summary>
        public static bool IsWeak(string path, string version)
        {
            byte[] elf = File.ReadAllBytes(path);
            long flagsOffset = FindFlags(elf, version);
            return flagsOffset >= 0 && (U16(elf, flagsOffset) & VerFlagWeak) != 0;
        }

        /// <summary>The file offset of vna_flags of the Vernaux entry named <paramref name="version"/>, or -1.</summary>
        private static long FindFlags(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("only little-endian ELF64 is supported");

            long sectionTable = (long)U64(elf, 0x28);
            int entrySize = U16(elf, 0x3A);
            int count = U16(elf, 0x3C);
            for (int i = 0; i < count; i++)
            {
                long header = sectionTable + (long)i * entrySize;
                if (U32(elf, header + 0x04) != ShtGnuVerneed) continue;

                long verneed = (long)U64(elf, header + 0x18);
                uint verneedCount = U32(elf, header + 0x2C);
                long stringsHeader = sectionTable + (long)U32(elf, header + 0x28) * entrySize;
                long strings = (long)U64(elf, stringsHeader + 0x18);
                long stringsEnd = strings + (long)U64(elf, stringsHeader + 0x20);

                for (uint n = 0; n < verneedCount; n++)
                {
                    int auxCount = U16(elf, verneed + 2);
                    long aux = verneed + U32(elf, verneed + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        if (NameEquals(elf, strings + U32(elf, aux + 8), stringsEnd, version))
                            return aux + 4;
                        aux += U32(elf, aux + 12);
                    }
                    uint next = U32(elf, verneed + 12);
                    if (next == 0) break;
                    verneed += next;
                }
            }
            return -1;
        }

        private static bool NameEquals(byte[] elf, long start, long end, string name)
        {
            Check(elf, start, name.Length + 1);
            if (start + name.Length >= end) return false;
            for (int i = 0; i < name.Length; i++)
                if (elf[start + i] != (byte)name[i]) return false;
            return elf[start + name.Length] == 0;
        }

        private static int U16(byte[] b, long at) { Check(b, at, 2); return b[at] | b[at + 1] << 8; }

        private static uint U32(byte[] b, long at) { Check(b, at, 4); return (uint)(U16(b, at) | U16(b, at + 2) << 16); }

        private static ulong U64(byte[] b, long at) { Check(b, at, 8); return U32(b, at) | (ulong)U32(b, at + 4) << 32; }

        private static void Check(byte[] b, long at, int length)
        {
            if (at < 0 || at + length > b.Length)
                throw new InvalidDataException("ELF offset " + at + " lies outside the file");
        }
    }
}

#if !SONATA_ELF_NO_TASK
namespace Sonata.Build
{
    /// <summary>MSBuild task: marks <see cref="Version"/> weak in each of <see cref="Files"/> that exists.</summary>
    public class MarkElfVersionWeak : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string Version { get; set; } = "";

        public override bool Execute()
        {
            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                if (!File.Exists(path)) continue;
                var result = ElfWeakVersion.MarkWeak(path, Version);
                if (result == ElfWeakVersionResult.Marked)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "marked {0} weak in {1}", Version, path);
            }
            return !Log.HasLoggedErrors;
        }
    }
}
#endif
