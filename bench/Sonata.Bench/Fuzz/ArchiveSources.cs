using System.Formats.Tar;
using System.IO.Compression;

namespace Sonata.Fuzz;

/// <summary>The MIDI files of <c>.tar.gz</c> archives, read into memory: the sources of a <see cref="MidiMutator"/>.</summary>
internal static class ArchiveSources
{
    /// <summary>Each archive's <c>.mid</c>/<c>.midi</c> files by bare name, archive after archive, each in ordinal order of its entries.</summary>
    public static List<(string Name, byte[] Bytes)> Read(IEnumerable<string> archives)
    {
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (string archive in archives)
        {
            var entries = new List<(string Entry, byte[] Bytes)>();
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    continue;
                string name = Path.GetFileName(entry.Name);
                if (name.StartsWith('.') || !(name.EndsWith(".mid", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".midi", StringComparison.OrdinalIgnoreCase)))
                    continue;
                using var bytes = new MemoryStream();
                entry.DataStream.CopyTo(bytes);
                entries.Add((entry.Name, bytes.ToArray()));
            }
            files.AddRange(entries.OrderBy(e => e.Entry, StringComparer.Ordinal).Select(e => (Path.GetFileName(e.Entry), e.Bytes)));
        }
        return files;
    }
}
