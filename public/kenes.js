// kenes
