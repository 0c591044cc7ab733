namespace Facade.TestSupport;

/// <summary>The last lines a process wrote, kept in a ring so a chatty process costs bounded memory.</summary>
public sealed class OutputTail(int capacity = 200)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    /// <summary>Adds a line, dropping the oldest beyond capacity.</summary>
    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    /// <summary>True when any kept line contains <paramref name="text"/>.</summary>
    public bool Contains(string text, StringComparison comparison = StringComparison.Ordinal)
    {
        lock (_gate) return _lines.Any(l => l.Contains(text, comparison));
    }

    /// <summary>The first kept line that contains <paramref name="text"/>, or null.</summary>
    public string? Find(string text)
    {
        lock (_gate) return _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>The kept lines, oldest first, one per line.</summary>
    public override string ToString()
    {
        lock (_gate) return string.Join('\n', _lines);
    }
}
