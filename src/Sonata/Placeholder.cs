namespace Sonata;
internal static class Placeholder { }
