"""The exercise programme (data/exercises.yml): the exercises, their doses by stage, the step
check after a session, and the printable cards per recovery phase."""
