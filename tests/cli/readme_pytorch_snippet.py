import json, torch
from safetensors.torch import load_file           # pip install safetensors
class Net(torch.nn.Module):                       # rnn = nn.RNN / nn.LSTM / nn.GRU, fc = nn.Linear
    def __init__(self, cell, I, H, O):
        super().__init__()
        self.rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](I, H)
        self.fc = torch.nn.Linear(H, O)
net = Net("lstm", 3, 4, 2).double(); net.load_state_dict(load_file("model.safetensors"))
x = torch.tensor(json.load(open("session.rnnlab.json"))["data"]["inputs"], dtype=torch.float64)
hidden, _ = net.rnn(x); outputs = net.fc(hidden)  # = grads's "hidden" and "outputs" (h0 = c0 = 0)
