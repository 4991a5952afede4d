using System.Formats.Tar;
using System.IO.Compression;

namespace Sonata.Corpus;

/// <summary>
/// Extracts a <c>.tar.gz</c> into a folder, refusing any entry that would land outside it
/// (<c>..</c> components, absolute paths) and any link or device entry.
/// </summary>
internal static class SafeTarExtractor
{
    public static async Task ExtractAsync(string archive, string destination, CancellationToken ct)
    {
        string root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var reader = new TarReader(gzip);
            while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                ct.ThrowIfCancellationRequested();
                await ExtractEntryAsync(archive, root, entry, ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new CorpusException(
                $"'{archive}' is not a readable .tar.gz archive ({e.Message}). "
                + "Check that the file is complete and is a gzip-compressed tar archive.", e);
        }
    }

    private static async Task ExtractEntryAsync(string archive, string root, TarEntry entry, CancellationToken ct)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.GlobalExtendedAttributes:
            case TarEntryType.ExtendedAttributes:
                return; // metadata only
            case TarEntryType.SymbolicLink:
            case TarEntryType.HardLink:
                throw Refused(archive, entry, $"it is a link (to '{entry.LinkName}'); links are not extracted");
            case TarEntryType.Directory:
                Directory.CreateDirectory(TargetPath(archive, root, entry));
                return;
            case TarEntryType.RegularFile:
            case TarEntryType.V7RegularFile:
            case TarEntryType.ContiguousFile:
                string target = TargetPath(archive, root, entry);
                if (target == root)
                {
                    throw Refused(archive, entry, "it is a file named like the extraction folder itself");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(output, ct);
                    }
                }
                return;
            default:
                throw Refused(archive, entry, $"its type {entry.EntryType} is not a file or folder");
        }
    }

    /// <summary>The full path an entry extracts to; throws if that is not strictly inside <paramref name="root"/>.</summary>
    private static string TargetPath(string archive, string root, TarEntry entry)
    {
        string name = entry.Name;
        if (name.Length == 0)
        {
            throw Refused(archive, entry, "its name is empty");
        }
        if (Path.IsPathRooted(name) || name.StartsWith('/') || name.StartsWith('\\'))
        {
            throw Refused(archive, entry, "its path is absolute");
        }
        string[] parts = name.Split('/', '\\');
        if (parts.Contains(".."))
        {
            throw Refused(archive, entry, "its path climbs out of the folder ('..')");
        }
        string target = Path.GetFullPath(Path.Combine([root, .. parts.Where(p => p.Length > 0 && p != ".")]));
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (target != root && !target.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw Refused(archive, entry, "its path lands outside the extraction folder");
        }
        return target;
    }

    private static CorpusException Refused(string archive, TarEntry entry, string why) =>
        new($"Refusing to extract '{archive}': entry '{entry.Name}' is unsafe because {why}. "
            + "Use an archive of plain MIDI files under relative paths.");
}
