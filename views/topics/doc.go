package topics
