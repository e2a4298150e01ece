import type { Message } from '../../core/i18n/i18n.ts';

/* Proposals' open data (decision 0028): each dataset's title and description, and its own columns. */

export const datasetsEn = {
  'proposals.data.proposals': 'Proposals',
  'proposals.data.proposals.about':
    'The proposals civil society submitted to the state: kind, status, authors and the state bodies addressed. Drafts are not included.',
  'proposals.data.answers': 'Answers to proposals',
  'proposals.data.answers.about':
    'One row per state body a proposal is addressed to: the deadline for its answer, the answer and its reasons, and how the authors assessed it.',
  'proposals.data.stages': 'Stages of proposals',
  'proposals.data.stages.about':
    'The stages an accepted proposal has reached on its way into law or practice (government, Mazhilis, Senate, signed, in force…), with their dates.',
  'proposals.data.col.submittedAt': 'When the proposal was submitted',
  'proposals.data.col.authorsIds': 'The numbers of the authoring organisations, separated by “; ”',
  'proposals.data.col.authors': 'The authoring organisations, in the language of the file, separated by “; ”',
  'proposals.data.col.addresseesIds': 'The numbers of the state bodies addressed, separated by “; ”',
  'proposals.data.col.addressees': 'The state bodies addressed, in the language of the file, separated by “; ”',
  'proposals.data.col.meetingId': 'The number of the meeting where the proposal was presented, if any',
  'proposals.data.col.deadline': 'The date by which the state body is to answer',
  'proposals.data.col.answer':
    'Answer: a stable code (accepted, partly_accepted, rejected, needs_study, not_competent); empty while unanswered',
  'proposals.data.col.answerLabel': 'Answer, in the language of the file',
  'proposals.data.col.answeredAt': 'When the state body answered',
  'proposals.data.col.assessment':
    'The authors’ assessment of the answer: a stable code (satisfied, partly_satisfied, not_satisfied)',
  'proposals.data.col.assessmentLabel': 'The authors’ assessment, in the language of the file',
  'proposals.data.col.assessmentComment': 'The authors’ comment on the answer, as written',
  'proposals.data.col.assessedAt': 'When the authors assessed the answer',
  'proposals.data.col.stage': 'Stage: a stable code',
  'proposals.data.col.stageLabel': 'Stage, in the language of the file',
  'proposals.data.col.reachedOn': 'The date the stage was reached',
  'proposals.data.col.sourceUrl': 'Where the stage is documented (an official source), if given',
};

export const datasetsRu: Record<keyof typeof datasetsEn, Message> = {
  'proposals.data.proposals': 'Предложения',
  'proposals.data.proposals.about':
    'Предложения, внесённые гражданским обществом государству: вид, статус, авторы и государственные органы-адресаты. Черновики не включены.',
  'proposals.data.answers': 'Ответы на предложения',
  'proposals.data.answers.about':
    'По строке на каждый государственный орган, которому адресовано предложение: срок ответа, ответ и его обоснование, оценка ответа авторами.',
  'proposals.data.stages': 'Этапы предложений',
  'proposals.data.stages.about':
    'Этапы, пройденные принятым предложением на пути в закон или практику (Правительство, Мажилис, Сенат, подписание, вступление в силу…), с датами.',
  'proposals.data.col.submittedAt': 'Когда предложение внесено',
  'proposals.data.col.authorsIds': 'Номера организаций-авторов через «; »',
  'proposals.data.col.authors': 'Организации-авторы на языке файла через «; »',
  'proposals.data.col.addresseesIds': 'Номера государственных органов-адресатов через «; »',
  'proposals.data.col.addressees': 'Государственные органы-адресаты на языке файла через «; »',
  'proposals.data.col.meetingId': 'Номер заседания, на котором предложение представлено, если есть',
  'proposals.data.col.deadline': 'Срок, до которого государственный орган должен ответить',
  'proposals.data.col.answer':
    'Ответ: неизменный код (accepted, partly_accepted, rejected, needs_study, not_competent); пусто, пока ответа нет',
  'proposals.data.col.answerLabel': 'Ответ на языке файла',
  'proposals.data.col.answeredAt': 'Когда государственный орган ответил',
  'proposals.data.col.assessment':
    'Оценка ответа авторами: неизменный код (satisfied, partly_satisfied, not_satisfied)',
  'proposals.data.col.assessmentLabel': 'Оценка ответа авторами на языке файла',
  'proposals.data.col.assessmentComment': 'Комментарий авторов к ответу, как написан',
  'proposals.data.col.assessedAt': 'Когда авторы оценили ответ',
  'proposals.data.col.stage': 'Этап: неизменный код',
  'proposals.data.col.stageLabel': 'Этап на языке файла',
  'proposals.data.col.reachedOn': 'Дата, когда этап пройден',
  'proposals.data.col.sourceUrl': 'Где этап подтверждён (официальный источник), если указано',
};

export const datasetsKk: Record<keyof typeof datasetsEn, Message> = {
  'proposals.data.proposals': 'Ұсыныстар',
  'proposals.data.proposals.about':
    'Азаматтық қоғамның мемлекетке енгізген ұсыныстары: түрі, мәртебесі, авторлары және жолданған мемлекеттік органдар. Жобалар енгізілмеген.',
  'proposals.data.answers': 'Ұсыныстарға берілген жауаптар',
  'proposals.data.answers.about':
    'Ұсыныс жолданған әр мемлекеттік органға бір жолдан: жауап беру мерзімі, жауап пен оның негіздемесі, авторлардың жауапқа берген бағасы.',
  'proposals.data.stages': 'Ұсыныстардың кезеңдері',
  'proposals.data.stages.about':
    'Қабылданған ұсыныстың заңға немесе тәжірибеге енгенге дейін өткен кезеңдері (Үкімет, Мәжіліс, Сенат, қол қою, күшіне ену…), күндерімен.',
  'proposals.data.col.submittedAt': 'Ұсыныстың енгізілген уақыты',
  'proposals.data.col.authorsIds': 'Автор ұйымдардың нөмірлері, «; » арқылы',
  'proposals.data.col.authors': 'Автор ұйымдар, файлдың тілінде, «; » арқылы',
  'proposals.data.col.addresseesIds': 'Ұсыныс жолданған мемлекеттік органдардың нөмірлері, «; » арқылы',
  'proposals.data.col.addressees': 'Ұсыныс жолданған мемлекеттік органдар, файлдың тілінде, «; » арқылы',
  'proposals.data.col.meetingId': 'Ұсыныс таныстырылған отырыстың нөмірі, егер болса',
  'proposals.data.col.deadline': 'Мемлекеттік орган жауап беруге тиіс мерзім',
  'proposals.data.col.answer':
    'Жауап: тұрақты код (accepted, partly_accepted, rejected, needs_study, not_competent); жауап берілмесе, бос',
  'proposals.data.col.answerLabel': 'Жауап, файлдың тілінде',
  'proposals.data.col.answeredAt': 'Мемлекеттік органның жауап берген уақыты',
  'proposals.data.col.assessment':
    'Авторлардың жауапқа берген бағасы: тұрақты код (satisfied, partly_satisfied, not_satisfied)',
  'proposals.data.col.assessmentLabel': 'Авторлардың жауапқа берген бағасы, файлдың тілінде',
  'proposals.data.col.assessmentComment': 'Авторлардың жауапқа түсініктемесі, жазылған күйінде',
  'proposals.data.col.assessedAt': 'Авторлардың жауапты бағалаған уақыты',
  'proposals.data.col.stage': 'Кезең: тұрақты код',
  'proposals.data.col.stageLabel': 'Кезең, файлдың тілінде',
  'proposals.data.col.reachedOn': 'Кезеңге жеткен күн',
  'proposals.data.col.sourceUrl': 'Кезең расталған ресми дереккөз, егер көрсетілсе',
};
