# mistake: Scores each model on the folds it was fitted on instead of the held-out fold.
# expect-status: failed
# expect-message: measured on data the model was fitted on
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_pipeline(k):
    return Pipeline([("scale", StandardScaler()), ("select", SelectKBest(f_classif, k=k)),
                     ("model", LogisticRegression(max_iter=1000))])


def cv_accuracy(X, y, k, n_splits, seed):
    scores = []
    for train, test in StratifiedKFold(n_splits, shuffle=True, random_state=seed).split(X, y):
        model = build_pipeline(k).fit(X[train], y[train])
        scores.append(model.score(X[train], y[train]))  # scored on the data it was fitted on
    return float(np.mean(scores))
