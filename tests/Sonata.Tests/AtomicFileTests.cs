using Sonata.IO;

namespace Sonata.Tests;

public class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        string folder = Directory.CreateTempSubdirectory("sonata-atomic-").FullName;
        try
        {
            string file = Path.Combine(folder, "metrics.csv");
            AtomicFile.WriteAllText(file, "old");
            Assert.Throws<IOException>(() => AtomicFile.Write(file, stream =>
            {
                stream.Write("new, half written"u8);
                throw new IOException("killed");
            }));
            Assert.Equal("old", File.ReadAllText(file));
            Assert.Equal([file], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
