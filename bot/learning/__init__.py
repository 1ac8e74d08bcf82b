"""The learning loop: messages the assistant did not understand, a therapist's topic for
each, the export into `data/nlu/learned.yml`, and a retrain that the running servers
switch to without losing a message.

store.py    the inbox table (pseudonymous: a hash of the conversation, never its id)
capture.py  which exchanges in a conversation's events count as not understood (pure)
inbox.py    filing, scanning the tracker store, deciding, undoing, erasing, purging
topics.py   the topics a therapist can choose, from the domain, with Dutch labels
export.py   assigned examples into Rasa NLU yaml, screened and deduplicated
switch.py   loading a new model into a running server, every wrapper kept
finetune.py new examples of known intents trained in under a minute (Rasa's incremental training)
retrain.py  export, train (finetuned or in full), and tell the servers to switch
"""
