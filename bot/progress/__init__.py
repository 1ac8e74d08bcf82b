"""How it goes with the pain: pain scores, the daily reminder and check-in, the chart.

- `pain.py`: the pain form (a score from 0 to 10, then a note), storing it, showing progress
- `scores.py`: reading a score from a sentence ("een 6", "zes van de tien")
- `history.py`: the pain_scores table
- `trend.py`: a sharp rise, and honest words about the trend
- `chart_image.py`: the scores drawn as a PNG (served by `bot/web/charts.py`)
- `daily.py`: what the daily reminder does when it fires: a nudge from the plan, or the check-in

`actions/progress.py` and `actions/plan.py` are the thin Rasa adapters.
"""
