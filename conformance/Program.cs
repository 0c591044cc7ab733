Console.WriteLine("conformance: not yet");
