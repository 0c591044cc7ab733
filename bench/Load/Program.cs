Console.WriteLine("load: not yet");
