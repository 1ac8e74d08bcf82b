-- compose.yaml: the image creates rugwijzer_tracker (POSTGRES_DB); the app tables live apart.
CREATE DATABASE rugwijzer_app OWNER rugwijzer;
